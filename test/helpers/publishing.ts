import { asc, eq } from 'drizzle-orm'
import { type ArticleRow, articleRevisions, articles } from '../../src/features/articles/store/schema'
import { db } from './forms'

let articleCounter = 0

/** A body long enough to tell a full text from a truncated one. */
const longBody = (label: string) => `## ${label}\n\n${Array.from({ length: 400 }, (_, index) => `Word${index}`).join(' ')}\n\nThe end of ${label}.\n`

/** An article row of its own (unique slug), with its first revision, as the editor would have saved it. */
export async function storeArticle(overrides: Partial<ArticleRow> = {}): Promise<ArticleRow> {
  const slug = `publishing-article-${Date.now().toString(36)}-${++articleCounter}`
  const row = {
    id: crypto.randomUUID(),
    slug,
    title: `Article ${articleCounter}`,
    description: 'A description of the article long enough for the schema that checks the frontmatter.',
    tags: ['pain'],
    references: [],
    body: longBody(slug),
    state: 'draft' as const,
    revision: 1,
    changedAt: new Date('2027-01-04T10:00:00Z'),
    ...overrides,
  }
  const [stored] = await db().insert(articles).values(row).returning()
  const { id, slug: revisionSlug, title, description, tags, references, body } = stored!
  await db()
    .insert(articleRevisions)
    .values({ articleId: id, number: 1, slug: revisionSlug, title, description, tags, references, body, author: 'practitioner', action: 'saved' })
  return stored!
}

export async function readArticle(id: string): Promise<ArticleRow> {
  const [row] = await db().select().from(articles).where(eq(articles.id, id))
  return row!
}

/** The article's revisions, oldest first. */
export const revisionsOf = (id: string) => db().select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).orderBy(asc(articleRevisions.number))
