import { and, count, eq, exists, inArray, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { articles } from '../../articles'
import { pageViews, readerMarks, referrers } from './schema'

/** What one isolate gathered between two writes, per clinic day (YYYY-MM-DD). */
export interface GatheredViews {
  views: { day: string; path: string; views: number }[]
  /** Reader hashes per page, each at most once. */
  marks: { day: string; path: string; hash: string }[]
  referrers: { day: string; host: string; views: number }[]
  /** Form pages opened from an article, by the slug the link carried (checked against published articles here). */
  formOpens: { day: string; slug: string; opens: number }[]
}

/**
 * Referring hosts kept per clinic day. Any Referer reaches the Worker, so a
 * spammer could otherwise add a row per made-up host; a clinic is linked from
 * a handful of sites a day, and a host already kept still adds its views.
 */
export const referrerHostsPerDay = 100

// D1 binds at most 100 values per statement: three per mark.
const marksPerStatement = 33

/**
 * Adds what an isolate gathered to the daily counters in one batch: views and
 * referrers added to what is there (a new referring host only while the day
 * has fewer than `referrerHostsPerDay`), reader marks inserted once, except for a
 * page whose day is already rolled up. A form opened from a slug that is not a
 * published article adds nothing.
 */
export async function writeGatheredViews(db: Db, gathered: GatheredViews): Promise<void> {
  const statements = [
    ...gathered.views.map((row) =>
      db
        .insert(pageViews)
        .values(row)
        .onConflictDoUpdate({ target: [pageViews.day, pageViews.path], set: { views: sql`${pageViews.views} + ${row.views}` } }),
    ),
    ...gathered.referrers.map((row) => {
      // One row whatever the day holds (an aggregate), so the insert below has a row to keep or filter out.
      const day = db
        .select({ hosts: count().as('hosts'), known: sql<number>`coalesce(max(${referrers.host} = ${row.host}), 0)`.as('known') })
        .from(referrers)
        .where(eq(referrers.day, row.day))
        .as('day_hosts')
      return db
        .insert(referrers)
        .select(
          db
            .select({ day: sql<string>`${row.day}`.as('day'), host: sql<string>`${row.host}`.as('host'), views: sql<number>`${row.views}`.as('views') })
            .from(day)
            .where(or(lt(day.hosts, referrerHostsPerDay), eq(day.known, 1))),
        )
        .onConflictDoUpdate({ target: [referrers.day, referrers.host], set: { views: sql`${referrers.views} + ${row.views}` } })
    }),
    ...gathered.formOpens.map((row) =>
      db
        .insert(pageViews)
        .select(
          db
            .select({
              day: sql<string>`${row.day}`.as('day'),
              path: sql<string>`'/articles/' || ${articles.slug}`.as('path'),
              views: sql<number>`0`.as('views'),
              readers: sql<number>`0`.as('readers'),
              formOpens: sql<number>`${row.opens}`.as('form_opens'),
              rolledUp: sql<boolean>`0`.as('rolled_up'),
            })
            .from(articles)
            .where(and(eq(articles.slug, row.slug), eq(articles.state, 'published'))),
        )
        .onConflictDoUpdate({ target: [pageViews.day, pageViews.path], set: { formOpens: sql`${pageViews.formOpens} + ${row.opens}` } }),
    ),
    ...chunk(gathered.marks, marksPerStatement).map((rows) => db.insert(readerMarks).values(rows).onConflictDoNothing()),
    ...(gathered.marks.length > 0 ? [dropMarksOfRolledUpPages(db, [...new Set(gathered.marks.map((mark) => mark.day))])] : []),
  ]
  const [first, ...rest] = statements
  if (first) await db.batch([first, ...rest])
}

/**
 * Deletes, in the batch that inserted them, marks of `days` for pages the
 * roll-up has already counted: a slow isolate's mark may be a reader whose
 * first mark was counted and deleted, and adding it would count them twice.
 */
function dropMarksOfRolledUpPages(db: Db, days: string[]) {
  const rolledUp = db
    .select({ path: pageViews.path })
    .from(pageViews)
    .where(and(eq(pageViews.day, readerMarks.day), eq(pageViews.path, readerMarks.path), eq(pageViews.rolledUp, true)))
  return db.delete(readerMarks).where(and(inArray(readerMarks.day, days), exists(rolledUp)))
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * Once a day is over: adds the count of each page's reader marks to its
 * readers and marks the page rolled up, then deletes those marks, in one
 * batch, so a finished day keeps only its counts. A mark written for a
 * rolled-up page afterwards is dropped as it is written (see
 * `writeGatheredViews`), so a reader is never counted twice.
 */
export async function rollUpFinishedDays(db: Db, today: string): Promise<void> {
  const marks = sql`(select count(*) from ${readerMarks} where ${readerMarks.day} = ${pageViews.day} and ${readerMarks.path} = ${pageViews.path})`
  await db.batch([
    db
      .update(pageViews)
      .set({ readers: sql`${pageViews.readers} + ${marks}`, rolledUp: true })
      .where(and(lt(pageViews.day, today), eq(pageViews.rolledUp, false))),
    db.delete(readerMarks).where(lt(readerMarks.day, today)),
  ])
}

/** Deletes page and referrer counters of days before `firstKeptDay`. */
export async function purgeCountsBefore(db: Db, firstKeptDay: string): Promise<void> {
  await db.batch([db.delete(pageViews).where(lt(pageViews.day, firstKeptDay)), db.delete(referrers).where(lt(referrers.day, firstKeptDay))])
}
