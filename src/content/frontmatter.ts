import { CORE_SCHEMA, load } from 'js-yaml'
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

const fence = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

/**
 * Splits a Markdown file into validated frontmatter and its body.
 * Throws with the file's name and the failing field, so a broken article
 * fails the content tests rather than a page.
 */
export function parseArticleFile(name: string, source: string): { frontmatter: Frontmatter; body: string } {
  const match = fence.exec(source)
  if (!match) throw new Error(`${name}: missing a frontmatter block between --- lines`)
  // CORE_SCHEMA keeps unquoted dates as strings so zod checks their format.
  const raw = load(match[1] ?? '', { schema: CORE_SCHEMA })
  const parsed = frontmatterSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    throw new Error(`${name}: invalid frontmatter: ${issues.join('; ')}`)
  }
  const body = source.slice(match[0].length)
  if (body.trim().length === 0) throw new Error(`${name}: the article has no text`)
  if (parsed.data.updated && parsed.data.updated < parsed.data.published) {
    throw new Error(`${name}: updated (${parsed.data.updated}) is before published (${parsed.data.published})`)
  }
  return { frontmatter: parsed.data, body }
}
