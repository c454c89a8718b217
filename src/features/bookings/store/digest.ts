import { and, asc, count, eq, gt, gte, lt, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import type { DigestRequestFigures, DigestWindow } from '../../notifications'
import { findCalendarFallback } from './calendar-fallback'
import { awaitingAnswerSql, waitingSinceSql } from './expiry'
import { requests } from './schema'

/** Bookings whose wait of `waitMs` ends in (from, until]. */
const expiringSql = (window: { waitMs: number; from: Date; until: Date }) =>
  and(awaitingAnswerSql(), gt(waitingSinceSql(), window.from.getTime() - window.waitMs), lte(waitingSinceSql(), window.until.getTime() - window.waitMs))!

/** At most this many open requests are listed by reference; the rest are counted. */
export const listedOpenRequests = 20

/**
 * The bookings' part of the daily digest: the requests received in
 * [since, until), apart from the bookings taken directly or from the waitlist
 * then; those
 * still "new" and unanswered that were received before `openBefore`, and,
 * given `expiring`, the bookings whose wait for an answer (`waitMs`, see
 * ./expiry.ts) runs out in (from, until]; and why direct booking falls back
 * to requests at `until`, if it does.
 */
export async function summarizeDigestRequests(db: Db, input: DigestWindow): Promise<DigestRequestFigures> {
  // A booking that expired, was declined or cancelled has had its answer, even while its triage status is still new.
  const open = and(eq(requests.status, 'new'), lt(requests.createdAt, input.openBefore), or(eq(requests.kind, 'contact'), awaitingAnswerSql()))
  // Without expiry nothing matches, so the batch keeps one shape.
  const expiring = input.expiring ? expiringSql(input.expiring) : sql`0`
  const waitMs = input.expiring?.waitMs ?? 0
  const calendarFallback = findCalendarFallback(db, input.until)
  const [received, openOlder, [openTotal], expiringSoon, [expiringTotal]] = await db.batch([
    db
      .select({ kind: requests.kind, via: requests.bookedVia, total: count() })
      .from(requests)
      .where(and(gte(requests.createdAt, input.since), lt(requests.createdAt, input.until)))
      .groupBy(requests.kind, requests.bookedVia),
    db
      .select({ id: requests.id, reference: requests.reference, kind: requests.kind, createdAt: requests.createdAt })
      .from(requests)
      .where(open)
      .orderBy(asc(requests.createdAt))
      .limit(listedOpenRequests),
    db.select({ total: count() }).from(requests).where(open),
    db
      .select({ id: requests.id, reference: requests.reference, waitingSince: waitingSinceSql() })
      .from(requests)
      .where(expiring)
      .orderBy(asc(waitingSinceSql()))
      .limit(listedOpenRequests),
    db.select({ total: count() }).from(requests).where(expiring),
  ])
  const figures: DigestRequestFigures = {
    received: { contact: 0, booking: 0 },
    booked: { direct: 0, waitlist: 0 },
    openOlder,
    openOlderTotal: openTotal?.total ?? 0,
    expiringSoon: expiringSoon.map((row) => ({ id: row.id, reference: row.reference, expiresAt: new Date(row.waitingSince + waitMs) })),
    expiringSoonTotal: expiringTotal?.total ?? 0,
    calendarFallback: await calendarFallback,
  }
  // A booking taken directly or from the waitlist was no request: it is counted apart.
  for (const row of received) {
    if (row.via === 'request') figures.received[row.kind] += row.total
    else figures.booked[row.via] += row.total
  }
  return figures
}
