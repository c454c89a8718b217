import { and, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { bumpContentVersion } from '../../../platform/site-state'
import type { ArticleState } from '../domain/vocabulary'
import { type ArticleRow, articleRevisions, articles } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** A change of an article's state: where it may start from, where it goes, and whether public pages change. */
export interface ArticleTransition {
  from: readonly ArticleState[]
  to: ArticleState
  /** The revision row's action, e.g. "published". */
  action: string
}

/** The practitioner's state changes (the scheduler publishes through `publish` too, from `scheduled` only). */
export const articleTransitions = {
  publish: { from: ['draft', 'scheduled'], to: 'published', action: 'published' },
  schedule: { from: ['draft', 'scheduled'], to: 'scheduled', action: 'scheduled' },
  unpublish: { from: ['published', 'scheduled', 'archived'], to: 'draft', action: 'unpublished' },
  archive: { from: ['draft', 'scheduled', 'published'], to: 'archived', action: 'archived' },
} as const satisfies Record<string, ArticleTransition>

export interface ArticleChange {
  /** The article as read before the change: the write matches only while it still holds this revision. */
  article: Pick<ArticleRow, 'id' | 'revision' | 'state'>
  transition: ArticleTransition
  /** The practitioner's identity or "scheduler". */
  author: string
  now: Date
  /** The revision's action when it says more than the transition's, e.g. the scheduled time. */
  action?: string
  set?: Partial<Pick<ArticleRow, 'publishAt' | 'firstPublishedAt' | 'updatedAt' | 'renderedHtml' | 'rendererVersion'>>
  /** A further condition, such as "the scheduled time has come". */
  condition?: SQL
}

/** Public pages show published and archived (410) articles, so leaving or entering either changes them. */
const changesPublicPages = (from: ArticleState, to: ArticleState) => [from, to].some((state) => state === 'published' || state === 'archived')

/**
 * Writes one state change as a conditional batch: the revision row with the
 * text as it stands, the content version when public pages change, and last
 * the update, each under the same guard (this article, in the state and at the
 * revision it was read in, in a state the transition may start from). Returns
 * false, having written no revision and no state, when the guard matched
 * nothing: the caller answers 409 (or, for the scheduler, another run won).
 */
export async function applyArticleChange(db: Db, change: ArticleChange): Promise<boolean> {
  const { article, transition, now } = change
  const guard = and(change.condition, eq(articles.id, article.id), eq(articles.revision, article.revision), inArray(articles.state, [...transition.from]))!
  const revision = db.insert(articleRevisions).select((qb) =>
    qb
      .select({
        id: value(null, 'id'),
        articleId: articles.id,
        number: sql<number>`${articles.revision} + 1`.as('number'),
        slug: articles.slug,
        title: articles.title,
        description: articles.description,
        tags: articles.tags,
        references: articles.references,
        body: articles.body,
        author: value(change.author, 'author'),
        action: value(change.action ?? transition.action, 'action'),
        createdAt: value(now.getTime(), 'created_at'),
      })
      .from(articles)
      .where(guard),
  )
  const update = db
    .update(articles)
    .set({ ...change.set, state: transition.to, revision: sql`${articles.revision} + 1`, changedAt: now })
    .where(guard)
    .returning({ id: articles.id })
  // A refused change still bumps the version when it would have changed public pages: harmless, every isolate just renders afresh.
  const version = changesPublicPages(article.state, transition.to) ? [bumpContentVersion(db, now)] : []
  const results = await db.batch([revision, ...version, update])
  return (results.at(-1) as { id: string }[]).length === 1
}

/** One article by id, whatever its state. */
export async function findArticleById(db: Db, id: string): Promise<ArticleRow | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id))
  return row
}

/** Every article, the most recently changed first, for the inbox's list. */
export const listAllArticles = (db: Db): Promise<ArticleRow[]> => db.select().from(articles).orderBy(desc(articles.changedAt), articles.slug)

/** Still scheduled, for a time that has come: what the scheduler publishes, and the list flags when it has not. */
export const dueSql = (now: Date): SQL => and(eq(articles.state, 'scheduled'), lte(articles.publishAt, now))!

/** Scheduled articles whose time has come, soonest first. */
export const listDueArticles = (db: Db, now: Date): Promise<ArticleRow[]> =>
  db.select().from(articles).where(dueSql(now)).orderBy(articles.publishAt, articles.id)

/**
 * Whether the article's text differs from the text of its last publication
 * (false when it was never published): republishing an edited text shows it
 * as "updated".
 */
export async function hasEditsSincePublication(db: Db, article: ArticleRow): Promise<boolean> {
  const [last] = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, article.id), eq(articleRevisions.action, articleTransitions.publish.action)))
    .orderBy(desc(articleRevisions.number))
    .limit(1)
  if (!last) return false
  const fields = ['slug', 'title', 'description', 'body'] as const
  return (
    fields.some((field) => last[field] !== article[field]) ||
    JSON.stringify([last.tags, last.references]) !== JSON.stringify([article.tags, article.references])
  )
}
