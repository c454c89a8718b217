import { and, asc, count, eq, gt, gte, lt, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { awaitingAnswerSql, type RequestKind, requests, waitingSinceSql } from '../../bookings'
import type { notificationStatuses } from '../domain/vocabulary'
import { notifications } from './schema'

export interface DigestFigures {
  received: Record<RequestKind, number>
  notifications: Record<(typeof notificationStatuses)[number], number>
  openOlder: { id: string; reference: string; kind: RequestKind; createdAt: Date }[]
  openOlderTotal: number
  /** Bookings that will expire in the window asked for, soonest first (none when expiry is off). */
  expiringSoon: { id: string; reference: string; expiresAt: Date }[]
  expiringSoonTotal: number
}

/** Bookings whose wait of `waitMs` ends in (from, until]. */
const expiringSql = (window: { waitMs: number; from: Date; until: Date }) =>
  and(awaitingAnswerSql(), gt(waitingSinceSql(), window.from.getTime() - window.waitMs), lte(waitingSinceSql(), window.until.getTime() - window.waitMs))!

/** At most this many open requests are listed by reference; the rest are counted. */
export const listedOpenRequests = 20

/**
 * What the daily digest reports: requests received in [since, until), how their
 * notifications fared, requests still "new" and unanswered that were received
 * before `openBefore`, and, given `expiring`, the bookings whose wait for an answer
 * (`waitMs`, see src/features/bookings/store/expiry.ts) runs out in (from, until].
 */
export async function summarizeDigest(
  db: Db,
  input: { since: Date; until: Date; openBefore: Date; expiring?: { waitMs: number; from: Date; until: Date } },
): Promise<DigestFigures> {
  // A booking that expired, was declined or cancelled has had its answer, even while its triage status is still new.
  const open = and(eq(requests.status, 'new'), lt(requests.createdAt, input.openBefore), or(eq(requests.kind, 'contact'), awaitingAnswerSql()))
  // Without expiry nothing matches, so the batch keeps one shape.
  const expiring = input.expiring ? expiringSql(input.expiring) : sql`0`
  const waitMs = input.expiring?.waitMs ?? 0
  const [received, delivery, openOlder, [openTotal], expiringSoon, [expiringTotal]] = await db.batch([
    db
      .select({ kind: requests.kind, total: count() })
      .from(requests)
      .where(and(gte(requests.createdAt, input.since), lt(requests.createdAt, input.until)))
      .groupBy(requests.kind),
    db
      .select({ status: notifications.status, total: count() })
      .from(notifications)
      .where(and(gte(notifications.createdAt, input.since), lt(notifications.createdAt, input.until)))
      .groupBy(notifications.status),
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
  const figures: DigestFigures = {
    received: { contact: 0, booking: 0 },
    notifications: { pending: 0, sent: 0, failed: 0, unknown: 0, skipped: 0 },
    openOlder,
    openOlderTotal: openTotal?.total ?? 0,
    expiringSoon: expiringSoon.map((row) => ({ id: row.id, reference: row.reference, expiresAt: new Date(row.waitingSince + waitMs) })),
    expiringSoonTotal: expiringTotal?.total ?? 0,
  }
  for (const row of received) figures.received[row.kind] = row.total
  for (const row of delivery) figures.notifications[row.status] = row.total
  return figures
}
