import type { Db } from '../../platform/database'
import { markSchedulerRan } from '../../platform/site-state'
import { publishArticle } from './publication'
import { dueSql, listDueArticles } from './store/article-publishing'

/**
 * Publishes every scheduled article whose time has come, each in its own
 * batch with its own revision (author "scheduler"), so one failure never holds
 * back the others and a big body never shares a batch with seven more. Each
 * write is guarded on the article still being scheduled and due at the
 * revision read: two overlapping runs publish each article once. A missed run
 * is caught up by the next, which finds everything still due. The run is
 * recorded last, even when an article failed, and the first failure rethrown.
 * Returns the slugs this run published.
 */
export async function publishDueArticles(db: Db, now: Date): Promise<string[]> {
  const published: string[] = []
  const failures: unknown[] = []
  for (const article of await listDueArticles(db, now)) {
    try {
      if (await publishArticle(db, article, { author: 'scheduler', now, condition: dueSql(now) })) published.push(article.slug)
    } catch (error) {
      failures.push(error)
    }
  }
  await markSchedulerRan(db, now)
  if (failures.length > 0) throw failures[0]
  return published
}
