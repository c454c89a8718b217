import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt } from '../../../platform/schema'
import { articleStates } from '../domain/vocabulary'
import type { VariantFormat } from '../images/formats'

/**
 * The practitioner's articles. Every instant is integer milliseconds since the
 * epoch (UTC): a scheduled time compared as a string is how scheduled posts
 * silently never go live. Tags and references are JSON arrays validated by the
 * frontmatter schema (src/features/articles/frontmatter.ts) before every write.
 */
export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    references: text('references', { mode: 'json' }).$type<{ authors: string; title: string; source: string; doi: string }[]>().notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: articleStates }).notNull().default('draft'),
    /** When a scheduled article goes live; the five-minute cron publishes it once due. */
    publishAt: integer('publish_at', { mode: 'timestamp_ms' }),
    /** Shown as "published"; set by the first publication and kept through later edits. */
    firstPublishedAt: integer('first_published_at', { mode: 'timestamp_ms' }),
    /** Shown as "updated" (and JSON-LD lastReviewed) once the published text changes. */
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    /** The number of the revision the article now holds; a save names the one it started from. */
    revision: integer('revision').notNull(),
    /** Any change at all (text, state, schedule), for the editor's list. */
    changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull(),
    /**
     * SHA-256 of the repository file this article was last imported from; null
     * once it is saved in the inbox, so a later import never overwrites an edit.
     */
    importedHash: text('imported_hash'),
    /**
     * The body as HTML, rendered by every write of the text and by publication,
     * so a public page reads it instead of parsing Markdown. Null until a render
     * succeeds (rows imported or stored before it, or a text the renderer refuses).
     */
    renderedHtml: text('rendered_html'),
    /** The renderer (`rendererVersion` in src/features/articles/article-html.ts) that made `rendered_html`. */
    rendererVersion: integer('renderer_version'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('articles_slug_unique').on(table.slug), index('articles_state_publish_idx').on(table.state, table.publishAt)],
)

/** Every saved version of an article; an edit or a restore adds one and never changes another. */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    references: text('references', { mode: 'json' }).$type<{ authors: string; title: string; source: string; doi: string }[]>().notNull(),
    body: text('body').notNull(),
    /** The practitioner's identity, "import" or "scheduler". */
    author: text('author').notNull(),
    /** What the revision records beyond the text: "saved", "published", "restored revision 3"… */
    action: text('action').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('article_revisions_article_number_unique').on(table.articleId, table.number)],
)

/** A slug an article answered to before: its URL redirects (301) to the article's current one, forever. */
export const articleRedirects = sqliteTable('article_redirects', {
  fromSlug: text('from_slug').primaryKey(),
  articleId: text('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
})

/** Images uploaded for articles, stored in R2 under their content hash. */
export const articleImages = sqliteTable('article_images', {
  /** Hex SHA-256 of the bytes: the URL and the R2 key, so an image never changes under its URL. */
  hash: text('hash').primaryKey(),
  contentType: text('content_type', { enum: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] }).notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  byteSize: integer('byte_size').notNull(),
  alt: text('alt').notNull(),
  /**
   * The smaller copies made at upload by the Images binding, each in R2 under
   * `<hash>/<width>.<format>` (src/features/articles/images/variants.ts); empty
   * where none could be made (no binding, or it failed), and pages then show
   * the original alone.
   */
  variants: text('variants', { mode: 'json' }).$type<ImageVariant[]>().notNull().default([]),
  createdAt: createdAt(),
})

/** One stored copy of an image at a width, in a format pages offer in `<picture>`. */
export interface ImageVariant {
  width: number
  format: VariantFormat
  byteSize: number
}

export type ArticleRow = typeof articles.$inferSelect

export type ArticleRevisionRow = typeof articleRevisions.$inferSelect

export type ArticleImageRow = typeof articleImages.$inferSelect
