import { zonedDate } from '../../platform/time-zone'
import type { Reference } from './frontmatter'
import type { ArticleRow } from './store/schema'

export interface ExportedArticle {
  title: string
  description: string
  /** Clinic dates, YYYY-MM-DD. */
  published: string
  updated?: string
  tags: readonly string[]
  references: readonly Reference[]
  body: string
}

/** Plain scalars YAML would read as something other than this text: booleans, nulls, numbers, dates. */
const specialScalar =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.?\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|\.inf|\.nan)|\d{4}-\d\d-\d\d.*)$/i

/**
 * A YAML scalar written plain when YAML reads it back as the same string, and
 * double-quoted otherwise (a JSON string is valid YAML). Decided by YAML's own
 * rules for plain scalars, kept conservative: anything in doubt is quoted.
 */
function scalar(value: string, flow = false): string {
  const plain =
    value !== '' &&
    value.trim() === value &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: YAML cannot write these plain, so finding them is the point
    !/: |:$| #|[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value) &&
    !(flow && /[,[\]{}]/.test(value)) &&
    !specialScalar.test(value)
  return plain ? value : JSON.stringify(value)
}

/**
 * An article as a Markdown file in the repository's format (src/features/articles/content/*.md):
 * the frontmatter block, a blank line, then the body.
 */
export function formatArticleFile(article: ExportedArticle): string {
  const lines = ['---', `title: ${scalar(article.title)}`, `description: ${scalar(article.description)}`, `published: ${article.published}`]
  if (article.updated) lines.push(`updated: ${article.updated}`)
  lines.push(`tags: [${article.tags.map((tag) => scalar(tag, true)).join(', ')}]`)
  if (article.references.length > 0) {
    lines.push('references:')
    for (const reference of article.references) {
      lines.push(
        `  - authors: ${scalar(reference.authors)}`,
        `    title: ${scalar(reference.title)}`,
        `    source: ${scalar(reference.source)}`,
        `    doi: ${scalar(reference.doi)}`,
      )
    }
  }
  lines.push('---', '', article.body.replace(/^\n+/, '').replace(/\n*$/, '\n'))
  return lines.join('\n')
}

/**
 * An article row's fields for its file. "published" is the first publication's
 * clinic date, or `now`'s for an article never published; "updated" appears
 * once the published text changed on a later day.
 */
export function exportedArticle(
  article: Pick<ArticleRow, 'title' | 'description' | 'tags' | 'references' | 'body' | 'firstPublishedAt' | 'updatedAt'>,
  now: Date,
  timeZone: string,
): ExportedArticle {
  const published = zonedDate(article.firstPublishedAt ?? now, timeZone)
  const updated = article.updatedAt ? zonedDate(article.updatedAt, timeZone) : undefined
  const { title, description, tags, references, body } = article
  return { title, description, published, ...(updated && updated > published ? { updated } : {}), tags, references, body }
}
