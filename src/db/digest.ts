import { and, asc, count, eq, gte, lt } from 'drizzle-orm'
import type { Db } from './client'
import { notifications, notificationStatuses, requests, type RequestKind } from './schema'

export interface DigestFigures {
  received: Record<RequestKind, number>
  notifications: Record<(typeof notificationStatuses)[number], number>
  openOlder: { id: string; reference: string; kind: RequestKind; createdAt: Date }[]
  openOlderTotal: number
}

/** At most this many open requests are listed by reference; the rest are counted. */
export const listedOpenRequests = 20

/**
 * What the daily digest reports: requests received in [since, until), how their
 * notifications fared, and requests still "new" that were received before `openBefore`.
 */
export async function summarizeDigest(db: Db, input: { since: Date; until: Date; openBefore: Date }): Promise<DigestFigures> {
  const open = and(eq(requests.status, 'new'), lt(requests.createdAt, input.openBefore))
  const [received, delivery, openOlder, [openTotal]] = await db.batch([
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
  ])
  const figures: DigestFigures = {
    received: { contact: 0, booking: 0 },
    notifications: { pending: 0, sent: 0, failed: 0, unknown: 0, skipped: 0 },
    openOlder,
    openOlderTotal: openTotal?.total ?? 0,
  }
  for (const row of received) figures.received[row.kind] = row.total
  for (const row of delivery) figures.notifications[row.status] = row.total
  return figures
}
