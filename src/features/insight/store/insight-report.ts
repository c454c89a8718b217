import { and, count, desc, gte, isNotNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../platform/database'
import { addDays, weekdayOf, zonedDate, zonedInstant } from '../../../platform/time-zone'
import { articles } from '../../articles'
import { type AppointmentState, type HeardFrom, requests } from '../../bookings'
import { pageViews, readerMarks, referrers } from './schema'

/** The dashboard looks back this many clinic weeks, the current one included. */
export const reportWeeks = 12
/** At most this many referring hosts are listed, and only those seen more than once in the report's weeks (a one-off is most likely referrer spam). */
const listedReferrers = 10
const articlePrefix = '/articles/'
const weekOrder = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
/** An appointment in one of these was confirmed at some point: the later states all follow a confirmation. */
const confirmedStates: readonly AppointmentState[] = ['confirmed', 'attended', 'no-show', 'late-cancelled']

/**
 * From reading to visits. `readers` adds up each page's distinct readers per
 * day. What patients sent is counted by how it came: `requests` (booking
 * requests and questions), `direct` (free times taken at once) and `waitlist`
 * (times taken from a waitlist offer); `confirmed` counts all three.
 */
export interface Funnel {
  views: number
  readers: number
  formOpens: number
  requests: number
  direct: number
  waitlist: number
  confirmed: number
  attended: number
}

export interface ArticleFunnel extends Funnel {
  slug: string
  title: string
}

export interface InsightReport {
  /** The Monday of each clinic week, oldest first, with that week's views (all pages) and requests (bookings taken directly or from the waitlist included). */
  weeks: { start: string; views: number; requests: number }[]
  /** Every counted page, and every request whatever its source. */
  total: Funnel
  /** Most requests first, then most views. */
  articles: ArticleFunnel[]
  heardFrom: { choice: HeardFrom; requests: number }[]
  referrers: { host: string; views: number }[]
}

/** The Monday of the clinic week holding `date` (YYYY-MM-DD). */
export const startOfWeek = (date: string): string => addDays(date, -weekOrder.indexOf(weekdayOf(date)))

const summed = (column: SQLiteColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number)
const emptyFunnel = (): Funnel => ({ views: 0, readers: 0, formOpens: 0, requests: 0, direct: 0, waitlist: 0, confirmed: 0, attended: 0 })
const slugOf = (path: string) => (path.startsWith(articlePrefix) ? path.slice(articlePrefix.length) : undefined)
/** Spam is no request: it neither counts nor says where it came from. */
const realRequestsIn = (since: Date, until: Date): SQL => and(gte(requests.createdAt, since), lt(requests.createdAt, until), ne(requests.status, 'spam'))!
/** Everything patients sent from a funnel: requests, and bookings taken directly or from the waitlist (a weekly summary has requests alone). */
const sent = (row: { requests: number; direct?: number; waitlist?: number }) => row.requests + (row.direct ?? 0) + (row.waitlist ?? 0)
const sortFunnels = <T extends { requests: number; direct?: number; waitlist?: number; views: number; title: string }>(rows: T[]) =>
  rows.sort((a, b) => sent(b) - sent(a) || b.views - a.views || a.title.localeCompare(b.title))

/**
 * The last `reportWeeks` clinic weeks up to `now` (Monday first, in `timeZone`):
 * views, readers and form opens from the daily counters (today's readers from
 * the live reader marks, which the roll-up turns into `readers` and deletes in
 * one batch), requests by source article and how far their appointment went,
 * "how did you hear" answers and the top referring hosts seen more than once. Published articles
 * with nothing yet are listed too, so an unread article shows as such.
 */
export async function readInsightReport(db: Db, input: { now: Date; timeZone: string }): Promise<InsightReport> {
  const today = zonedDate(input.now, input.timeZone)
  const from = addDays(startOfWeek(today), -7 * (reportWeeks - 1))
  const days = and(gte(pageViews.day, from), lte(pageViews.day, today))
  const inWindow = realRequestsIn(zonedInstant(from, '00:00', input.timeZone), new Date(input.now.getTime() + 1))
  const [paths, daily, marks, asked, heard, hosts, titles] = await db.batch([
    db
      .select({ path: pageViews.path, views: summed(pageViews.views), readers: summed(pageViews.readers), formOpens: summed(pageViews.formOpens) })
      .from(pageViews)
      .where(days)
      .groupBy(pageViews.path),
    db
      .select({ day: pageViews.day, views: summed(pageViews.views) })
      .from(pageViews)
      .where(days)
      .groupBy(pageViews.day),
    db
      .select({ path: readerMarks.path, readers: count() })
      .from(readerMarks)
      .where(and(gte(readerMarks.day, from), lte(readerMarks.day, today)))
      .groupBy(readerMarks.path),
    db
      .select({ createdAt: requests.createdAt, source: requests.sourceArticle, state: requests.appointmentState, via: requests.bookedVia })
      .from(requests)
      .where(inWindow),
    db
      .select({ choice: requests.heardFrom, requests: count() })
      .from(requests)
      .where(and(inWindow, isNotNull(requests.heardFrom)))
      .groupBy(requests.heardFrom),
    db
      .select({ host: referrers.host, views: summed(referrers.views) })
      .from(referrers)
      .where(and(gte(referrers.day, from), lte(referrers.day, today)))
      .groupBy(referrers.host)
      .having(sql`${summed(referrers.views)} > 1`)
      .orderBy(desc(summed(referrers.views)), referrers.host)
      .limit(listedReferrers),
    db.select({ slug: articles.slug, title: articles.title, state: articles.state }).from(articles),
  ])
  const weeks = Array.from({ length: reportWeeks }, (_, index) => ({ start: addDays(from, 7 * index), views: 0, requests: 0 }))
  const weekOf = (day: string) => weeks.find((week) => week.start === startOfWeek(day))
  for (const row of daily) weekOf(row.day)!.views += row.views
  const total = emptyFunnel()
  const bySlug = new Map<string, Funnel>()
  const funnelOf = (slug: string) => bySlug.get(slug) ?? bySlug.set(slug, emptyFunnel()).get(slug)!
  for (const row of titles) if (row.state === 'published') funnelOf(row.slug)
  const liveReaders = new Map(marks.map((row) => [row.path, row.readers]))
  for (const row of paths) {
    const readers = row.readers + (liveReaders.get(row.path) ?? 0)
    for (const funnel of [total, ...(slugOf(row.path) ? [funnelOf(slugOf(row.path)!)] : [])]) {
      funnel.views += row.views
      funnel.readers += readers
      funnel.formOpens += row.formOpens
    }
  }
  for (const row of asked) {
    weekOf(zonedDate(row.createdAt, input.timeZone))!.requests += 1
    const confirmed = row.state !== null && confirmedStates.includes(row.state)
    const via = row.via === 'request' ? 'requests' : row.via
    for (const funnel of [total, ...(row.source ? [funnelOf(row.source)] : [])]) {
      funnel[via] += 1
      if (confirmed) funnel.confirmed += 1
      if (row.state === 'attended') funnel.attended += 1
    }
  }
  const titleOf = new Map(titles.map((row) => [row.slug, row.title]))
  return {
    weeks,
    total,
    articles: sortFunnels([...bySlug].map(([slug, funnel]) => ({ slug, title: titleOf.get(slug) ?? slug, ...funnel }))),
    heardFrom: heard.flatMap((row) => (row.choice ? [{ choice: row.choice, requests: row.requests }] : [])).sort((a, b) => b.requests - a.requests),
    referrers: hosts,
  }
}

/**
 * Views and requests per article in the clinic week starting on Monday
 * `weekStart`, for the digest: only articles with either, most requests first.
 */
export async function summarizeArticleWeek(
  db: Db,
  input: { weekStart: string; timeZone: string },
): Promise<{ slug: string; title: string; views: number; requests: number }[]> {
  const end = addDays(input.weekStart, 7)
  const articleDays = and(gte(pageViews.day, input.weekStart), lt(pageViews.day, end), sql`${pageViews.path} like ${`${articlePrefix}%`}`)
  const inWeek = realRequestsIn(zonedInstant(input.weekStart, '00:00', input.timeZone), zonedInstant(end, '00:00', input.timeZone))
  const [viewed, asked, titles] = await db.batch([
    db
      .select({ path: pageViews.path, views: summed(pageViews.views) })
      .from(pageViews)
      .where(articleDays)
      .groupBy(pageViews.path),
    db
      .select({ slug: requests.sourceArticle, requests: count() })
      .from(requests)
      .where(and(inWeek, isNotNull(requests.sourceArticle)))
      .groupBy(requests.sourceArticle),
    db.select({ slug: articles.slug, title: articles.title }).from(articles),
  ])
  const week = new Map<string, { views: number; requests: number }>()
  const entryOf = (slug: string) => week.get(slug) ?? week.set(slug, { views: 0, requests: 0 }).get(slug)!
  for (const row of viewed) entryOf(slugOf(row.path)!).views += row.views
  for (const row of asked) if (row.slug) entryOf(row.slug).requests += row.requests
  const titleOf = new Map(titles.map((row) => [row.slug, row.title]))
  return sortFunnels([...week].map(([slug, figures]) => ({ slug, title: titleOf.get(slug) ?? slug, ...figures })))
}
