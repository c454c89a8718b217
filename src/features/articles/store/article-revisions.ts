import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { type ArticleRevisionRow, articleRevisions } from './schema'

export type RevisionSummary = Pick<ArticleRevisionRow, 'number' | 'author' | 'action' | 'createdAt' | 'slug' | 'title'>

/** An article's revisions, newest first, without their text. */
export const listRevisions = (db: Db, articleId: string): Promise<RevisionSummary[]> =>
  db
    .select({
      number: articleRevisions.number,
      author: articleRevisions.author,
      action: articleRevisions.action,
      createdAt: articleRevisions.createdAt,
      slug: articleRevisions.slug,
      title: articleRevisions.title,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number))

/** One revision of an article by its number. */
export async function findRevision(db: Db, articleId: string, number: number): Promise<ArticleRevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)))
  return row
}
