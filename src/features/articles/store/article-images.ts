import { and, desc, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { bumpContentVersion } from '../../../platform/site-state'
import { type ArticleImageRow, articleImages, articles, type ImageVariant } from './schema'

export type NewArticleImage = Omit<ArticleImageRow, 'createdAt' | 'variants'>

/** D1 binds at most 100 values a statement. */
const hashesPerQuery = 100

/** The HTML stored for every article whose text mentions the hash, dropped: its next view renders it with the image's current row. */
const dropRenderedHtmlShowing = (db: Db, hash: string) =>
  db
    .update(articles)
    .set({ renderedHtml: null, rendererVersion: null })
    .where(and(sql`instr(${articles.body}, ${hash}) > 0`, isNotNull(articles.renderedHtml)))

/**
 * Records an image once its bytes are safely in R2. The same bytes uploaded
 * again keep the first row (and its alt text): insert-or-ignore on the hash.
 * An article whose text already showed the image (its path typed before the
 * upload) loses its stored HTML in the same batch, so its next view renders
 * it again with the image's width and height.
 */
export async function insertImage(db: Db, image: NewArticleImage, now: Date): Promise<void> {
  await db.batch([
    db
      .insert(articleImages)
      .values({ ...image, createdAt: now })
      .onConflictDoNothing({ target: articleImages.hash }),
    dropRenderedHtmlShowing(db, image.hash),
  ])
}

/**
 * Records the smaller copies of an image that R2 now holds. Articles already
 * showing it (the same file uploaded again to make copies that failed the
 * first time) lose their stored HTML in the same batch, and the content
 * version moves on, so their next view, in every isolate, offers the copies.
 */
export async function recordVariants(db: Db, hash: string, variants: ImageVariant[], now: Date): Promise<void> {
  const ordered = variants.toSorted((a, b) => a.width - b.width || a.format.localeCompare(b.format))
  await db.batch([
    db.update(articleImages).set({ variants: ordered }).where(eq(articleImages.hash, hash)),
    dropRenderedHtmlShowing(db, hash),
    bumpContentVersion(db, now),
  ])
}

/** One image's row, or undefined. */
export async function findImage(db: Db, hash: string): Promise<ArticleImageRow | undefined> {
  const [row] = await db.select().from(articleImages).where(eq(articleImages.hash, hash))
  return row
}

/** The rows of the given hashes, by hash (unknown ones are simply absent). */
export async function findImages(db: Db, hashes: readonly string[]): Promise<Map<string, ArticleImageRow>> {
  const unique = [...new Set(hashes)]
  const found = new Map<string, ArticleImageRow>()
  for (let from = 0; from < unique.length; from += hashesPerQuery) {
    const rows = await db
      .select()
      .from(articleImages)
      .where(inArray(articleImages.hash, unique.slice(from, from + hashesPerQuery)))
    for (const row of rows) found.set(row.hash, row)
  }
  return found
}

/** Every image, newest first. */
export const listImages = (db: Db): Promise<ArticleImageRow[]> => db.select().from(articleImages).orderBy(desc(articleImages.createdAt), articleImages.hash)

/** Every article's Markdown body, whatever its state, to tell which images are in use. */
export async function listArticleBodies(db: Db): Promise<string[]> {
  const rows = await db.select({ body: articles.body }).from(articles)
  return rows.map((row) => row.body)
}

/**
 * Deletes an image's row unless some article's body mentions its hash, in
 * one statement: an article saved with the image between the page's check
 * and this delete still keeps it. Returns whether the row went.
 */
export async function deleteImage(db: Db, hash: string): Promise<boolean> {
  const mentions = db.select({ one: sql`1` }).from(articles).where(sql`instr(${articles.body}, ${hash}) > 0`)
  const result = await db.delete(articleImages).where(and(eq(articleImages.hash, hash), notExists(mentions)))
  return result.meta.changes > 0
}
