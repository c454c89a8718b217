import { and, count, eq, lt, ne, or, sql } from 'drizzle-orm'
import type { Db } from './client'
import { receipts, requests } from './schema'

export async function countRequestsFrom(db: Db, email: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(requests).where(eq(requests.email, email))
  return row?.total ?? 0
}

/**
 * Erases everything stored for one email address in one batch: requests, and
 * through ON DELETE CASCADE their times, outbox rows and events. The receipt
 * keeps only the count and the time.
 */
export async function erasePatient(db: Db, input: { email: string; now: Date }): Promise<number> {
  const matching = eq(requests.email, input.email)
  const [receipt] = await db.batch([
    db
      .insert(receipts)
      .select(db.select({ action: sql<string>`'erasure'`.as('action'), count: count().as('count'), createdAt: sql<number>`${input.now.getTime()}`.as('created_at') }).from(requests).where(matching))
      .returning({ count: receipts.count }),
    db.delete(requests).where(matching),
  ])
  return receipt[0]?.count ?? 0
}

export interface RetentionPolicy {
  requestDays: number
  spamDays: number
}

/** Deletes requests past retention (spam sooner), with a count-only receipt, in one batch. */
export async function purgeExpiredRequests(db: Db, input: { now: Date; policy: RetentionPolicy }): Promise<number> {
  const day = 24 * 60 * 60 * 1000
  const expired = or(
    and(ne(requests.status, 'spam'), lt(requests.createdAt, new Date(input.now.getTime() - input.policy.requestDays * day))),
    and(eq(requests.status, 'spam'), lt(requests.createdAt, new Date(input.now.getTime() - input.policy.spamDays * day))),
  )
  const [receipt] = await db.batch([
    db
      .insert(receipts)
      .select(db.select({ action: sql<string>`'retention'`.as('action'), count: count().as('count'), createdAt: sql<number>`${input.now.getTime()}`.as('created_at') }).from(requests).where(expired))
      .returning({ count: receipts.count }),
    db.delete(requests).where(expired),
  ])
  return receipt[0]?.count ?? 0
}
