import * as z from 'zod/mini'

const isoDate = z.iso.date()

const referenceSchema = z.object({
  authors: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
  doi: z.string().check(z.regex(/^10\.\d{4,9}\/\S+$/, 'a DOI such as 10.1000/xyz')),
})

export const frontmatterSchema = z.object({
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  description: z.string().check(z.minLength(50), z.maxLength(200)),
  published: isoDate,
  updated: z.optional(isoDate),
  tags: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  references: z._default(z.array(referenceSchema), []),
})

export type Frontmatter = z.infer<typeof frontmatterSchema>
export type Reference = Frontmatter['references'][number]
