import type { SQL } from 'drizzle-orm'
import type { Db } from '../../platform/database'
import { renderForStorage } from './article-html'
import { applyArticleChange, articleTransitions, hasEditsSincePublication } from './store/article-publishing'
import type { ArticleRow } from './store/schema'

/**
 * Publishes the article as read, if it is still at that revision and may be
 * published: the first publication sets "published", a later one of an edited
 * text sets "updated", and the text's HTML is rendered and stored with it (the
 * revision guard makes it the HTML of the text that goes live). Returns false
 * when the guarded write matched nothing.
 *
 * @example await publishArticle(db, row, { author: 'scheduler', now, condition: dueSql(now) })
 */
export async function publishArticle(db: Db, article: ArticleRow, options: { author: string; now: Date; condition?: SQL }): Promise<boolean> {
  const { now } = options
  const edited = article.firstPublishedAt !== null && (await hasEditsSincePublication(db, article))
  const rendered = await renderForStorage(db, article.body)
  return applyArticleChange(db, {
    article,
    transition: articleTransitions.publish,
    author: options.author,
    now,
    condition: options.condition,
    set: { publishAt: null, firstPublishedAt: article.firstPublishedAt ?? now, updatedAt: edited ? now : article.updatedAt, ...rendered },
  })
}
