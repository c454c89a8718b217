import { and, count, eq, gt, lt, ne, or, type SQL, sql } from 'drizzle-orm'
import type { QueryBuilder } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../platform/database'
import { requests } from '../../bookings'
import { inboxSearches, receipts } from './schema'

/**
 * The receipt row counted in the same statement batch as the delete it
 * describes, or no row when nothing matches: the hourly purge would otherwise
 * leave one empty receipt an hour. Drizzle's insert-from-select wants every
 * column, in table order; HAVING without GROUP BY filters the single
 * aggregate row (SQLite 3.39+).
 */
const receiptOf = (action: 'erasure' | 'retention', where: SQL | undefined, now: Date) => (qb: QueryBuilder) =>
  qb
    .select({
      id: sql<number>`null`.as('id'),
      action: sql<typeof action>`${action}`.as('action'),
      count: count().as('count'),
      createdAt: sql<number>`${now.getTime()}`.as('created_at'),
    })
    .from(requests)
    .where(where)
    .having(gt(count(), 0))

export async function countRequestsFrom(db: Db, email: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(requests).where(eq(requests.email, email))
  return row?.total ?? 0
}

/**
 * Erases everything stored for one email address in one batch: requests, and
 * through ON DELETE CASCADE their times, outbox rows and events. The receipt
 * keeps only the count and the time, and is written only if something was erased.
 * Every saved inbox search goes too: any of them may hold the address or the
 * name, and they are only shortcuts, cheap to lose.
 */
export async function erasePatient(db: Db, input: { email: string; now: Date }): Promise<number> {
  const matching = eq(requests.email, input.email)
  const [, deleted] = await db.batch([
    db.insert(receipts).select(receiptOf('erasure', matching, input.now)),
    db.delete(requests).where(matching).returning({ id: requests.id }),
    db.delete(inboxSearches),
  ])
  return deleted.length
}

export interface RetentionPolicy {
  requestDays: number
  spamDays: number
}

const wholeDays = (value: string | undefined, fallback: number) => {
  const days = Number(value)
  return Number.isInteger(days) && days > 0 ? days : fallback
}

/** RETENTION_DAYS (default 365) and SPAM_RETENTION_DAYS (default 30) from the deployment's vars. */
export const readRetentionPolicy = (env: Pick<Env, 'RETENTION_DAYS' | 'SPAM_RETENTION_DAYS'>): RetentionPolicy => ({
  requestDays: wholeDays(env.RETENTION_DAYS, 365),
  spamDays: wholeDays(env.SPAM_RETENTION_DAYS, 30),
})

/** Deletes requests past retention (spam sooner), with a count-only receipt when any went, in one batch. */
export async function purgeExpiredRequests(db: Db, input: { now: Date; policy: RetentionPolicy }): Promise<number> {
  const day = 24 * 60 * 60 * 1000
  const expired = or(
    and(ne(requests.status, 'spam'), lt(requests.createdAt, new Date(input.now.getTime() - input.policy.requestDays * day))),
    and(eq(requests.status, 'spam'), lt(requests.createdAt, new Date(input.now.getTime() - input.policy.spamDays * day))),
  )
  const [, deleted] = await db.batch([
    db.insert(receipts).select(receiptOf('retention', expired, input.now)),
    db.delete(requests).where(expired).returning({ id: requests.id }),
  ])
  return deleted.length
}
