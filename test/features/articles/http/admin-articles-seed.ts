import { env } from 'cloudflare:workers'
import type { ArticleState } from '../../../../src/features/articles/domain/vocabulary'
import { articleRevisions, articles } from '../../../../src/features/articles/store/schema'
import { createDb } from '../../../../src/platform/database'

export const db = () => createDb(env.DB)
const description = 'A description long enough to pass the minimum length of fifty characters.'

/** A slug no other test uses. */
export const uniqueSlug = (label = 'article') => `${label}-${crypto.randomUUID().slice(0, 8)}`

/** The fields of a complete, valid article form. */
export const articleFields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  title: 'Acupuncture for migraine',
  slug: uniqueSlug(),
  description,
  tags: 'migraine, headache',
  body: 'First line.\nSecond line.\n',
  'ref-0-authors': '',
  'ref-0-title': '',
  'ref-0-source': '',
  'ref-0-doi': '',
  ...overrides,
})

/** An article written straight into D1 at revision 1, in the given state. */
export async function seedArticle(state: ArticleState = 'draft', overrides: Partial<typeof articles.$inferInsert> = {}) {
  const now = new Date(Date.UTC(2026, 10, 1, 9))
  const row = {
    id: crypto.randomUUID(),
    slug: uniqueSlug('seeded'),
    title: 'Seeded article',
    description,
    tags: ['seed'],
    references: [],
    body: 'Seeded text.\n',
    state,
    revision: 1,
    changedAt: now,
    firstPublishedAt: state === 'draft' ? null : now,
    ...overrides,
  }
  await db().batch([
    db().insert(articles).values(row),
    db().insert(articleRevisions).values({
      articleId: row.id,
      number: 1,
      slug: row.slug,
      title: row.title,
      description,
      tags: row.tags,
      references: row.references,
      body: row.body,
      author: 'import',
      action: 'saved',
      createdAt: now,
    }),
  ])
  return row
}
