import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { type NotificationRow, notifications } from '../../notifications'
import { type WaitlistEntryRow, type WaitlistOfferRow, waitlistEntries, waitlistOffers } from './schema'

/** A waitlist email with what it is written from: the entry, and the offer it makes (none for the welcome). */
export interface WaitlistJob {
  notification: NotificationRow
  /** The waitlisted patient, as the consumer names whoever a notification is for. */
  request: Pick<WaitlistEntryRow, 'name' | 'email' | 'phone'>
  entry: WaitlistEntryRow
  offer: WaitlistOfferRow | undefined
}

/**
 * The waitlist email behind an outbox row, or undefined when the row is no
 * waitlist email or its entry is gone. The offer names its email's row, the
 * entry its welcome's (the outbox's own column names requests only).
 */
export async function loadWaitlistJob(db: Db, notification: NotificationRow): Promise<WaitlistJob | undefined> {
  if (notification.channel !== 'waitlist') return undefined
  if (notification.topic === 'waitlist-offer') {
    const [row] = await db
      .select({ entry: waitlistEntries, offer: waitlistOffers })
      .from(waitlistOffers)
      .innerJoin(waitlistEntries, eq(waitlistEntries.id, waitlistOffers.entryId))
      .where(eq(waitlistOffers.notificationId, notification.id))
    return row ? { notification, request: row.entry, entry: row.entry, offer: row.offer } : undefined
  }
  const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.joinedNotificationId, notification.id))
  return entry ? { notification, request: entry, entry, offer: undefined } : undefined
}

/** The outbox row alone, to tell a waitlist email from a request's. */
export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id))
  return row
}

/**
 * Gives an offer email that reached the consumer in the quiet hours back to
 * the sweep, due when they end (`until`): pending, no lease, `updated_at`
 * empty, so the sweep's first run from then on hands it to the queue again
 * (the sweep leaves a row alone until it is due). Only the delivery chain the
 * consumer held, so a resend meanwhile is left alone.
 */
export async function returnOfferToSweep(db: Db, input: { id: string; generation: number; until: Date }): Promise<void> {
  await db
    .update(notifications)
    .set({ dueAt: input.until, updatedAt: null, claimedUntil: null })
    .where(and(eq(notifications.id, input.id), eq(notifications.status, 'pending'), eq(notifications.generation, input.generation)))
}
