import { count, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { notifications } from '../../notifications'
import { waitlistEntries, waitlistOffers } from './schema'

/** The waitlist entries of one email address (stored lower-cased, as the form reads it). */
export const waitlistEntriesOf = (email: string): SQL => eq(waitlistEntries.email, email)

/** The waitlist entries that stopped waiting (left, booked or expired) before `cutoff`: never one still waiting. */
export const waitlistEntriesEndedBefore = (cutoff: Date): SQL => lt(sql`coalesce(${waitlistEntries.endedAt}, ${waitlistEntries.expiresAt})`, cutoff.getTime())

/** How many waitlist entries `where` selects, as a scalar subquery for a receipt's count. */
export const waitlistEntryCount = (db: Db, where: SQL): SQL<number> => sql<number>`(${db.select({ n: count() }).from(waitlistEntries).where(where)})`

export async function countWaitlistEntries(db: Db, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(waitlistEntries).where(where)
  return row?.n ?? 0
}

/**
 * Statements for a batch deleting the waitlist entries `where` selects: first
 * the outbox rows of their emails (the welcome names its row from the entry,
 * an offer from the offer; no request holds them, so no cascade reaches
 * them), then the entries, and with them their offers (ON DELETE CASCADE).
 */
export function deleteWaitlistEntries(db: Db, where: SQL) {
  const entries = db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(where)
  return [
    db
      .delete(notifications)
      .where(
        or(
          inArray(notifications.id, db.select({ id: waitlistEntries.joinedNotificationId }).from(waitlistEntries).where(where)),
          inArray(notifications.id, db.select({ id: waitlistOffers.notificationId }).from(waitlistOffers).where(inArray(waitlistOffers.entryId, entries))),
        ),
      ),
    db.delete(waitlistEntries).where(where).returning({ id: waitlistEntries.id }),
  ] as const
}
