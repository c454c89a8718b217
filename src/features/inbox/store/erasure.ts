import { and, count, eq, gt, lt, ne, or, type SQL, sql } from 'drizzle-orm'
import type { QueryBuilder } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../platform/database'
import { countWaitlistEntries, deleteWaitlistEntries, requests, waitlistEntriesEndedBefore, waitlistEntriesOf, waitlistEntryCount } from '../../bookings'
import type { RetentionPolicy } from '../retention-policy'
import { inboxSearches, receipts } from './schema'

/**
 * The receipt row counted in the same statement batch as the deletes it
 * describes (requests and waitlist places together), or no row when nothing
 * matches: the hourly purge would otherwise leave one empty receipt an hour.
 * Drizzle's insert-from-select wants every column, in table order.
 */
const receiptOf = (db: Db, action: 'erasure' | 'retention', matching: { requests: SQL | undefined; waitlist: SQL }, now: Date) => {
  const total = sql<number>`(${db.select({ n: count() }).from(requests).where(matching.requests)}) + ${waitlistEntryCount(db, matching.waitlist)}`
  return db.insert(receipts).select((qb: QueryBuilder) =>
    qb
      .select({
        id: sql<number>`null`.as('id'),
        action: sql<typeof action>`${action}`.as('action'),
        count: total.as('count'),
        createdAt: sql<number>`${now.getTime()}`.as('created_at'),
      })
      .from(sql`(select 1)`)
      .where(gt(total, 0)),
  )
}

/** What is stored for one email address: their requests, and their places on the waitlist. */
export async function countPatientData(db: Db, email: string): Promise<ErasedCounts> {
  const [row] = await db.select({ total: count() }).from(requests).where(eq(requests.email, email))
  return { requests: row?.total ?? 0, waitlistPlaces: await countWaitlistEntries(db, waitlistEntriesOf(email)) }
}

export interface ErasedCounts {
  requests: number
  waitlistPlaces: number
}

/**
 * Erases everything stored for one email address in one batch: requests, and
 * through ON DELETE CASCADE their times, outbox rows and events; waitlist
 * places with their offers and the outbox rows of their emails. The receipt
 * keeps only the count and the time, and is written only if something was
 * erased. Every saved inbox search goes too: any of them may hold the address
 * or the name, and they are only shortcuts, cheap to lose.
 */
export async function erasePatient(db: Db, input: { email: string; now: Date }): Promise<ErasedCounts> {
  const matching = { requests: eq(requests.email, input.email), waitlist: waitlistEntriesOf(input.email) }
  const [, deleted, , places] = await db.batch([
    receiptOf(db, 'erasure', matching, input.now),
    db.delete(requests).where(matching.requests).returning({ id: requests.id }),
    ...deleteWaitlistEntries(db, matching.waitlist),
    db.delete(inboxSearches),
  ])
  return { requests: deleted.length, waitlistPlaces: places.length }
}

/**
 * Deletes requests past retention (spam sooner) and waitlist places that
 * stopped waiting longer ago than the requests' period, with a count-only
 * receipt when any went, in one batch. Returns how many went.
 */
export async function purgeExpiredRequests(db: Db, input: { now: Date; policy: RetentionPolicy }): Promise<number> {
  const day = 24 * 60 * 60 * 1000
  const cutoff = new Date(input.now.getTime() - input.policy.requestDays * day)
  const expired = or(
    and(ne(requests.status, 'spam'), lt(requests.createdAt, cutoff)),
    and(eq(requests.status, 'spam'), lt(requests.createdAt, new Date(input.now.getTime() - input.policy.spamDays * day))),
  )
  const matching = { requests: expired, waitlist: waitlistEntriesEndedBefore(cutoff) }
  const [, deleted, , places] = await db.batch([
    receiptOf(db, 'retention', matching, input.now),
    db.delete(requests).where(expired).returning({ id: requests.id }),
    ...deleteWaitlistEntries(db, matching.waitlist),
  ])
  return deleted.length + places.length
}
