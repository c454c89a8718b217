import { and, asc, eq, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { notifications } from './schema'

/**
 * Takes the send lease on a pending notification of the given delivery chain:
 * true only for the one caller whose conditional update matched, so two
 * deliveries of the same message running at once cannot both send.
 */
export async function claimNotification(db: Db, input: { id: string; generation: number; now: Date; leaseMs: number }): Promise<boolean> {
  const claimed = await db
    .update(notifications)
    .set({ claimedUntil: new Date(input.now.getTime() + input.leaseMs) })
    .where(
      and(
        eq(notifications.id, input.id),
        eq(notifications.status, 'pending'),
        eq(notifications.generation, input.generation),
        or(isNull(notifications.claimedUntil), lt(notifications.claimedUntil, input.now)),
      ),
    )
    .returning({ id: notifications.id })
  return claimed.length === 1
}

/** Records a delivery the provider accepted. Never touches a row already sent. */
export async function markSent(db: Db, input: { id: string; providerMessageId: string | null; now: Date }): Promise<boolean> {
  const updated = await db
    .update(notifications)
    .set({
      status: 'sent',
      attempts: sql`${notifications.attempts} + 1`,
      providerMessageId: input.providerMessageId,
      lastError: null,
      sentAt: input.now,
      updatedAt: input.now,
      claimedUntil: null,
    })
    .where(and(eq(notifications.id, input.id), ne(notifications.status, 'sent')))
    .returning({ id: notifications.id })
  return updated.length === 1
}

const maxErrorLength = 500

/** Records a failed attempt and releases the lease; returns the attempts so far. */
export async function recordFailure(db: Db, input: { id: string; error: string; now: Date }): Promise<number | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1`, lastError: input.error.slice(0, maxErrorLength), updatedAt: input.now, claimedUntil: null })
    .where(and(eq(notifications.id, input.id), eq(notifications.status, 'pending')))
    .returning({ attempts: notifications.attempts })
  return row?.attempts
}

/**
 * Marks a notification that exhausted its retries as failed. Only a pending one
 * of the same delivery chain: a sent one stays sent, and a dead letter from a
 * chain the practitioner has since replaced by a resend changes nothing.
 */
export async function markFailed(db: Db, input: { id: string; generation: number; reason: string; now: Date }): Promise<boolean> {
  const updated = await db
    .update(notifications)
    .set({
      status: 'failed',
      lastError: sql`substr(${input.reason} || coalesce(' | ' || ${notifications.lastError}, ''), 1, ${maxErrorLength})`,
      updatedAt: input.now,
      claimedUntil: null,
    })
    .where(and(eq(notifications.id, input.id), eq(notifications.status, 'pending'), eq(notifications.generation, input.generation)))
    .returning({ id: notifications.id })
  return updated.length === 1
}

/**
 * Ends a pending notification without a known delivery, releasing its lease:
 * `unknown` when the provider never answered (one attempt, which may have gone
 * out), `skipped` when it was deliberately not sent. Neither is sent again
 * unless the practitioner resends it.
 */
export async function markUnsent(db: Db, input: { id: string; status: 'unknown' | 'skipped'; reason: string; now: Date }): Promise<boolean> {
  const updated = await db
    .update(notifications)
    .set({
      status: input.status,
      ...(input.status === 'unknown' ? { attempts: sql`${notifications.attempts} + 1` } : {}),
      lastError: input.reason.slice(0, maxErrorLength),
      updatedAt: input.now,
      claimedUntil: null,
    })
    .where(and(eq(notifications.id, input.id), eq(notifications.status, 'pending')))
    .returning({ id: notifications.id })
  return updated.length === 1
}

/**
 * Pending notifications other than reminders whose queue message seems lost,
 * with their current delivery chain: never attempted and untouched for `unsentAfterMs`, or
 * attempted but untouched for `retryLostAfterMs` (longer than the longest retry
 * delay). A live lease excludes a row mid-send.
 */
export async function listStalePending(
  db: Db,
  input: { now: Date; unsentAfterMs: number; retryLostAfterMs: number; limit: number },
): Promise<{ id: string; generation: number }[]> {
  const touched = sql`coalesce(${notifications.updatedAt}, ${notifications.createdAt})`
  const before = (ms: number) => input.now.getTime() - ms
  return db
    .select({ id: notifications.id, generation: notifications.generation })
    .from(notifications)
    .where(
      and(
        eq(notifications.status, 'pending'),
        // Reminders go to the queue through their own dispatch (src/features/bookings/store/reminders.ts), lost messages included.
        ne(notifications.topic, 'reminder'),
        // Any other scheduled send is not the queue's until it is due.
        or(isNull(notifications.dueAt), lte(notifications.dueAt, input.now)),
        or(isNull(notifications.claimedUntil), lt(notifications.claimedUntil, input.now)),
        or(and(eq(notifications.attempts, 0), sql`${touched} < ${before(input.unsentAfterMs)}`), sql`${touched} < ${before(input.retryLostAfterMs)}`),
      ),
    )
    .orderBy(asc(notifications.createdAt))
    .limit(input.limit)
}

/** Stamps re-enqueued rows so the next sweep leaves them to the queue for a while. */
export async function touchNotifications(db: Db, input: { ids: string[]; now: Date }): Promise<void> {
  if (input.ids.length === 0) return
  await db
    .update(notifications)
    .set({ updatedAt: input.now })
    .where(and(inArray(notifications.id, input.ids), eq(notifications.status, 'pending')))
}
