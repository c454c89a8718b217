import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from './client'
import { articles, pageViews, readerMarks, referrers } from './schema'

/** What one isolate gathered between two writes, per clinic day (YYYY-MM-DD). */
export interface GatheredViews {
  views: { day: string; path: string; views: number }[]
  /** Reader hashes per page, each at most once. */
  marks: { day: string; path: string; hash: string }[]
  referrers: { day: string; host: string; views: number }[]
  /** Form pages opened from an article, by the slug the link carried (checked against published articles here). */
  formOpens: { day: string; slug: string; opens: number }[]
}

// D1 binds at most 100 values per statement: three per mark.
const marksPerStatement = 33

/**
 * Adds what an isolate gathered to the daily counters in one batch: views and
 * referrers added to what is there, reader marks inserted once. A form opened
 * from a slug that is not a published article adds nothing.
 */
export async function writeGatheredViews(db: Db, gathered: GatheredViews): Promise<void> {
  const statements = [
    ...gathered.views.map((row) =>
      db.insert(pageViews).values(row).onConflictDoUpdate({ target: [pageViews.day, pageViews.path], set: { views: sql`${pageViews.views} + ${row.views}` } }),
    ),
    ...gathered.referrers.map((row) =>
      db.insert(referrers).values(row).onConflictDoUpdate({ target: [referrers.day, referrers.host], set: { views: sql`${referrers.views} + ${row.views}` } }),
    ),
    ...gathered.formOpens.map((row) =>
      db
        .insert(pageViews)
        .select(
          db
            .select({ day: sql<string>`${row.day}`.as('day'), path: sql<string>`'/articles/' || ${articles.slug}`.as('path'), views: sql<number>`0`.as('views'), readers: sql<number>`0`.as('readers'), formOpens: sql<number>`${row.opens}`.as('form_opens') })
            .from(articles)
            .where(and(eq(articles.slug, row.slug), eq(articles.state, 'published'))),
        )
        .onConflictDoUpdate({ target: [pageViews.day, pageViews.path], set: { formOpens: sql`${pageViews.formOpens} + ${row.opens}` } }),
    ),
    ...chunk(gathered.marks, marksPerStatement).map((rows) => db.insert(readerMarks).values(rows).onConflictDoNothing()),
  ]
  const [first, ...rest] = statements
  if (first) await db.batch([first, ...rest])
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * Once a day is over: adds the count of each page's reader marks to its
 * readers, then deletes those marks, in one batch,
 * so a finished day keeps only its counts. Adding (not setting) lets marks a
 * slow isolate writes just after the roll-up count at the next one.
 */
export async function rollUpFinishedDays(db: Db, today: string): Promise<void> {
  const marks = sql`(select count(*) from ${readerMarks} where ${readerMarks.day} = ${pageViews.day} and ${readerMarks.path} = ${pageViews.path})`
  await db.batch([
    db.update(pageViews).set({ readers: sql`${pageViews.readers} + ${marks}` }).where(and(lt(pageViews.day, today), sql`${marks} > 0`)),
    db.delete(readerMarks).where(lt(readerMarks.day, today)),
  ])
}

/** Deletes page and referrer counters of days before `firstKeptDay`. */
export async function purgeCountsBefore(db: Db, firstKeptDay: string): Promise<void> {
  await db.batch([db.delete(pageViews).where(lt(pageViews.day, firstKeptDay)), db.delete(referrers).where(lt(referrers.day, firstKeptDay))])
}
