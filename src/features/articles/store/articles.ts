import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { type ArticleRow, articleRedirects, articles } from './schema'

/** An article as the lists show it: without its stored HTML, which only its own page needs. */
export type ListedArticle = Omit<ArticleRow, 'renderedHtml'>

const { renderedHtml: _html, ...listedColumns } = getTableColumns(articles)

/** Published articles, first published newest first (same instant: by slug); all of them unless `limit` is given. */
export function listPublishedArticles(db: Db, limit?: number): Promise<ListedArticle[]> {
  const query = db.select(listedColumns).from(articles).where(eq(articles.state, 'published')).orderBy(desc(articles.firstPublishedAt), asc(articles.slug))
  return limit === undefined ? query : query.limit(limit)
}

/** The article at this slug whatever its state, so the page can tell "never here" (404) from "withdrawn" (410). */
export async function findArticleBySlug(db: Db, slug: string): Promise<ArticleRow | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.slug, slug))
  return row
}

/** The published article at this slug, or undefined (drafts and scheduled ones are not public yet). */
export async function findPublishedArticle(db: Db, slug: string): Promise<ArticleRow | undefined> {
  const row = await findArticleBySlug(db, slug)
  return row?.state === 'published' ? row : undefined
}

/**
 * The current slug of the article that once answered at `slug`. Only for an
 * article the public has seen (published or archived): an old slug of a draft
 * must not reveal its new one.
 */
export async function findArticleRedirect(db: Db, slug: string): Promise<string | undefined> {
  const [row] = await db
    .select({ slug: articles.slug })
    .from(articleRedirects)
    .innerJoin(articles, eq(articles.id, articleRedirects.articleId))
    .where(and(eq(articleRedirects.fromSlug, slug), inArray(articles.state, ['published', 'archived'])))
  return row?.slug
}

/**
 * Stores the HTML a page rendered from the article's text, as one conditional
 * update: only while the article still holds the revision it was rendered
 * from, and only over no HTML or HTML of an older renderer. An isolate still
 * running an older deployment, or one that read the text before a save, can
 * then never replace a newer render. Returns whether it was stored.
 */
export async function storeRenderedHtml(
  db: Db,
  article: Pick<ArticleRow, 'id' | 'revision'>,
  rendered: { renderedHtml: string; rendererVersion: number },
): Promise<boolean> {
  const result = await db
    .update(articles)
    .set(rendered)
    .where(
      and(
        eq(articles.id, article.id),
        eq(articles.revision, article.revision),
        or(isNull(articles.rendererVersion), lt(articles.rendererVersion, rendered.rendererVersion)),
      ),
    )
  return result.meta.changes > 0
}
