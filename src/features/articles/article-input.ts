import * as z from 'zod/mini'
import { frontmatterSchema, type Reference } from './frontmatter'

/** Lower-case letters, digits and single hyphens between them: what an article's URL may hold. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const slugMaxLength = 80
const bodyMaxLength = 200_000

const { title, description, tags } = frontmatterSchema.shape
const reference = frontmatterSchema.shape.references.def.innerType.def.element

/** The editor's fields, checked by the very rules the repository's article files obey. */
const articleInputSchema = z.object({
  title,
  slug: z.string().check(z.minLength(1), z.maxLength(slugMaxLength), z.regex(slugPattern)),
  description,
  tags,
  references: z.array(reference),
  body: z.string().check(
    z.minLength(1),
    z.maxLength(bodyMaxLength),
    // Only a text of bounded length is read: the bounds below keep that reading fast.
    z.superRefine(async (body, context) => {
      if (body.length > bodyMaxLength) return
      // Loaded here, not at the top: the public pages import this module's slug rule and never need the Markdown reader.
      const { checkArticleMarkdown } = await import('./markdown')
      const checked = checkArticleMarkdown(body)
      if (!checked.ok) context.addIssue({ code: 'custom', message: checked.problem, input: body })
    }),
  ),
})

export type ArticleInput = z.infer<typeof articleInputSchema>
export type FieldErrors = Record<string, string[]>

export const referenceFields = ['authors', 'title', 'source', 'doi'] as const
export const referenceFieldName = (index: number, part: (typeof referenceFields)[number]) => `ref-${index}-${part}`

/** A slug from a title: accents folded, anything else between words becomes one hyphen. */
export function deriveSlug(text: string): string {
  const words =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  return words.join('-').slice(0, slugMaxLength).replace(/-+$/, '')
}

/** Comma-separated tags, trimmed, blanks and repeats dropped. */
export const splitTags = (value: string): string[] => [
  ...new Set(
    value
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
]

const field = (fields: Record<string, string>, name: string) => (fields[name] ?? '').trim()

/** A DOI pasted as its link is kept as the bare DOI the references store. */
const bareDoi = (value: string) => value.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')

/** The article as typed into the form (strings from the page), shaped for the schema; blank reference groups are skipped. */
export function readArticleFields(fields: Record<string, string>): ArticleInput {
  const references: Reference[] = []
  for (let index = 0; fields[referenceFieldName(index, 'authors')] !== undefined; index++) {
    const [authors, refTitle, source, doi] = referenceFields.map((part) => field(fields, referenceFieldName(index, part)))
    if (authors || refTitle || source || doi) references.push({ authors: authors!, title: refTitle!, source: source!, doi: bareDoi(doi!) })
  }
  return {
    title: field(fields, 'title'),
    slug: field(fields, 'slug') || deriveSlug(field(fields, 'title')),
    description: field(fields, 'description'),
    tags: splitTags(fields.tags ?? ''),
    references,
    // Only line endings change: the body is Markdown, where leading spaces matter.
    body: `${(fields.body ?? '').replace(/\r\n?/g, '\n').replace(/^\n+/, '').replace(/\s+$/, '')}\n`,
  }
}

const referenceMessages: Record<string, string> = {
  authors: "Enter the reference's authors",
  title: "Enter the reference's title",
  source: 'Enter where the reference was published',
  doi: 'Enter the DOI in the form 10.1000/xyz',
}

/** One message a person can act on per failing rule, whatever zod's own wording. */
function messageFor(issue: z.core.$ZodIssue, input: ArticleInput): [string, string] | null {
  const [name, index, part] = issue.path.map(String)
  if (name === 'references')
    return [referenceFieldName(Number(index), part as (typeof referenceFields)[number]), referenceMessages[part ?? ''] ?? 'Check this reference']
  switch (name) {
    case 'title':
      return ['title', input.title ? 'The title must be 120 characters or fewer' : 'Enter a title']
    case 'slug':
      // With neither slug nor title, the title's message says all there is to fix.
      if (!input.slug && !input.title) return null
      return [
        'slug',
        input.slug
          ? 'Use lower-case letters, digits and single hyphens (at most 80 characters), like acupuncture-for-migraine'
          : 'Enter a slug, or a title to make it from',
      ]
    case 'description':
      return ['description', `The description must be between 50 and 200 characters (it has ${input.description.length})`]
    case 'tags':
      return ['tags', 'Enter at least one tag; separate tags with commas']
    default:
      if (issue.code === 'custom') return ['body', issue.message]
      return ['body', input.body.trim() ? 'The text must be 200,000 characters or fewer' : 'Write the text of the article']
  }
}

/** The checked article, or the messages per form field. */
export async function validateArticle(input: ArticleInput): Promise<{ ok: true; article: ArticleInput } | { ok: false; errors: FieldErrors }> {
  const checked = { ...input, body: input.body.trim() ? input.body : '' }
  const result = await articleInputSchema.safeParseAsync(checked)
  if (result.success) return { ok: true, article: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const found = messageFor(issue, input)
    if (!found) continue
    const [name, message] = found
    errors[name] ??= []
    if (!errors[name].includes(message)) errors[name].push(message)
  }
  return { ok: false, errors }
}

/** An article's text as the form's fields, the inverse of `readArticleFields`. */
export function articleFormValues(text: ArticleInput): Record<string, string> {
  const values: Record<string, string> = { title: text.title, slug: text.slug, description: text.description, tags: text.tags.join(', '), body: text.body }
  text.references.forEach((reference, index) => {
    for (const part of referenceFields) values[referenceFieldName(index, part)] = reference[part]
  })
  return values
}

/** How many reference groups the form shows: every group sent or stored, and one blank to add another. */
export function countReferenceSlots(values: Record<string, string>): number {
  let count = 0
  while (values[referenceFieldName(count, 'authors')] !== undefined) count++
  const last = count - 1
  const lastBlank = count > 0 && referenceFields.every((part) => !(values[referenceFieldName(last, part)] ?? '').trim())
  return lastBlank ? count : count + 1
}
