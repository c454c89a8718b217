import { CORE_SCHEMA, load } from 'js-yaml'
import type { ArticleRow } from '../db/schema'
import { zonedDate } from '../lib/time-zone'
import type { Reference } from './frontmatter'

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

/**
 * A YAML scalar written plain when the parser reads it back as the same
 * string (so dates, numbers and "true" stay text), and double-quoted otherwise
 * (a JSON string is valid YAML).
 */
function scalar(value: string, flow = false): string {
  const plain = value.trim() === value && value !== '' && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !(flow && /[,[\]{}]/.test(value))
  if (plain) {
    try {
      const read = load(flow ? `[${value}]` : `k: ${value}`, { schema: CORE_SCHEMA })
      if (flow ? Array.isArray(read) && read.length === 1 && read[0] === value : (read as { k?: unknown } | null)?.k === value) return value
    } catch {
      // Not plain YAML: quoted below.
    }
  }
  return JSON.stringify(value)
}

/**
 * An article as a Markdown file in the repository's format (src/content/articles/*.md):
 * the frontmatter block, a blank line, then the body.
 */
export function formatArticleFile(article: ExportedArticle): string {
  const lines = ['---', `title: ${scalar(article.title)}`, `description: ${scalar(article.description)}`, `published: ${article.published}`]
  if (article.updated) lines.push(`updated: ${article.updated}`)
  lines.push(`tags: [${article.tags.map((tag) => scalar(tag, true)).join(', ')}]`)
  if (article.references.length > 0) {
    lines.push('references:')
    for (const reference of article.references) {
      lines.push(`  - authors: ${scalar(reference.authors)}`, `    title: ${scalar(reference.title)}`, `    source: ${scalar(reference.source)}`, `    doi: ${scalar(reference.doi)}`)
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
