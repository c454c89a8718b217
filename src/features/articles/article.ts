import { zonedDate } from '../../platform/time-zone'
import { currentSettings } from '../settings'
import type { Reference } from './frontmatter'
import type { ArticleRow } from './store/schema'

/** A published article as the public pages show it. */
export interface Article {
  slug: string
  title: string
  description: string
  /** The clinic's calendar date (YYYY-MM-DD) of the first publication. */
  published: string
  /** The clinic's calendar date of the last change to the published text, when there was one. */
  updated?: string
  /** Last change: `updated` when given, else `published`. */
  modified: string
  tags: string[]
  references: Reference[]
  readingMinutes: number
  wordCount: number
  markdown: string
}

const wordsPerMinute = 200

/** Words in a Markdown body and the minutes they take at 200 words a minute (never under one). */
export function readingTime(body: string): { wordCount: number; readingMinutes: number } {
  const wordCount = body.split(/\s+/).filter(Boolean).length
  return { wordCount, readingMinutes: Math.max(1, Math.round(wordCount / wordsPerMinute)) }
}

/**
 * A published row as the public pages show it: instants become the clinic's
 * calendar dates, and "updated" appears only on a later day than "published".
 */
export function toArticle(row: Omit<ArticleRow, 'renderedHtml'>): Article {
  const { timeZone } = currentSettings()
  const published = zonedDate(row.firstPublishedAt ?? row.changedAt, timeZone)
  const changed = row.updatedAt ? zonedDate(row.updatedAt, timeZone) : undefined
  const updated = changed && changed > published ? changed : undefined
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    published,
    ...(updated ? { updated } : {}),
    modified: updated ?? published,
    tags: row.tags,
    references: row.references,
    ...readingTime(row.body),
    markdown: row.body,
  }
}
