import { and, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { bumpContentVersion } from '../../../platform/site-state'
import type { ArticleInput } from '../article-input'
import { type ArticleRow, articleRedirects, articleRevisions, articles } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** True when the slug is free for this article: no other article has it now, nor had it before. */
export async function isSlugFree(db: Db, slug: string, articleId?: string): Promise<boolean> {
  const [current, old] = await db.batch([
    db
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.slug, slug), articleId ? ne(articles.id, articleId) : undefined)),
    db
      .select({ id: articleRedirects.articleId })
      .from(articleRedirects)
      .where(and(eq(articleRedirects.fromSlug, slug), articleId ? ne(articleRedirects.articleId, articleId) : undefined)),
  ])
  return current.length === 0 && old.length === 0
}

/** The text's HTML as rendered for this write, stored with it so pages never parse the Markdown. */
type Rendered = Pick<ArticleRow, 'renderedHtml' | 'rendererVersion'>

/** A new draft at revision 1 with its rendered HTML, its first revision written in the same batch. Returns its id. */
export async function createArticle(db: Db, input: { article: ArticleInput; rendered: Rendered; author: string; now: Date }): Promise<string> {
  const id = crypto.randomUUID()
  const { article, author, now } = input
  await db.batch([
    db.insert(articles).values({ id, ...article, ...input.rendered, state: 'draft', revision: 1, changedAt: now, createdAt: now }),
    db.insert(articleRevisions).values({ articleId: id, number: 1, ...article, author, action: 'saved', createdAt: now }),
  ])
  return id
}

export interface ArticleWrite {
  /** The article as read when the form was opened: the write matches only while it still holds that revision. */
  article: Pick<ArticleRow, 'id' | 'revision' | 'slug' | 'state' | 'firstPublishedAt'>
  text: ArticleInput
  /** The text's HTML, stored in the same update as the text. */
  rendered: Rendered
  author: string
  /** "saved", or "restored revision 3". */
  action: string
  now: Date
}

/**
 * Writes a new revision of the text as one conditional batch: the revision
 * row, on a slug change of an article that was ever published the old slug's
 * redirect (and the new slug's own old redirect removed), the content version
 * when the article is live, and last the update, each under the same guard
 * (this article at the revision the form was opened on); the update stores
 * the text with its rendered HTML. Returns false,
 * having written nothing of the article, when someone saved in between.
 */
export async function writeArticleRevision(db: Db, write: ArticleWrite): Promise<boolean> {
  const { article, text, now } = write
  const guard = and(eq(articles.id, article.id), eq(articles.revision, article.revision))!
  const revision = db.insert(articleRevisions).select((qb) =>
    qb
      .select({
        id: value(null, 'id'),
        articleId: articles.id,
        number: sql<number>`${articles.revision} + 1`.as('number'),
        slug: value(text.slug, 'slug'),
        title: value(text.title, 'title'),
        description: value(text.description, 'description'),
        tags: value(JSON.stringify(text.tags), 'tags'),
        references: value(JSON.stringify(text.references), 'references'),
        body: value(text.body, 'body'),
        author: value(write.author, 'author'),
        action: value(write.action, 'action'),
        createdAt: value(now.getTime(), 'created_at'),
      })
      .from(articles)
      .where(guard),
  )
  const redirects =
    text.slug !== article.slug && article.firstPublishedAt !== null
      ? [
          db.insert(articleRedirects).select((qb) =>
            qb
              .select({ fromSlug: articles.slug, articleId: articles.id, createdAt: value(now.getTime(), 'created_at') })
              .from(articles)
              .where(guard),
          ),
          db
            .delete(articleRedirects)
            .where(
              and(eq(articleRedirects.fromSlug, text.slug), eq(articleRedirects.articleId, article.id), sql`exists (select 1 from ${articles} where ${guard})`),
            ),
        ]
      : []
  const live = article.state === 'published'
  const update = db
    .update(articles)
    .set({ ...text, ...write.rendered, revision: sql`${articles.revision} + 1`, changedAt: now, importedHash: null, ...(live ? { updatedAt: now } : {}) })
    .where(guard)
    .returning({ id: articles.id })
  // A refused save still bumps the version of a live article: harmless, every isolate just renders afresh.
  const results = await db.batch([revision, ...redirects, ...(live ? [bumpContentVersion(db, now)] : []), update])
  return (results.at(-1) as { id: string }[]).length === 1
}
