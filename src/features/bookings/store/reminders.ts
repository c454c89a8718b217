import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { notifications } from '../../notifications'
import { requests } from './schema'

/**
 * Hands due reminders to exactly one caller: the pending reminders whose time
 * has come and that no cron run has dispatched yet (updated_at still empty),
 * or whose message seems lost by the sweep's own measure (never attempted and
 * untouched for `unsentAfterMs`, or untouched for `retryLostAfterMs`). One
 * conditional update stamps them and returns them, so of two cron runs at once
 * each row goes to one. Earliest due first, at most `limit`. In the quiet
 * hours (`quietUntil`, their end) only the reminders of appointments starting
 * by then are claimed; the others wait for the first run after them.
 */
export async function claimDueReminders(
  db: Db,
  input: { now: Date; unsentAfterMs: number; retryLostAfterMs: number; limit: number; quietUntil: Date | null },
): Promise<{ id: string; generation: number }[]> {
  const before = (ms: number) => new Date(input.now.getTime() - ms)
  const startsBy = (end: Date) => inArray(notifications.requestId, db.select({ id: requests.id }).from(requests).where(lte(requests.confirmedStart, end)))
  const claimable = and(
    input.quietUntil ? startsBy(input.quietUntil) : undefined,
    eq(notifications.topic, 'reminder'),
    eq(notifications.status, 'pending'),
    lte(notifications.dueAt, input.now),
    or(isNull(notifications.claimedUntil), lt(notifications.claimedUntil, input.now)),
    or(
      isNull(notifications.updatedAt),
      and(eq(notifications.attempts, 0), lt(notifications.updatedAt, before(input.unsentAfterMs))),
      lt(notifications.updatedAt, before(input.retryLostAfterMs)),
    ),
  )
  const earliest = db.select({ id: notifications.id }).from(notifications).where(claimable).orderBy(asc(notifications.dueAt)).limit(input.limit)
  return db
    .update(notifications)
    .set({ updatedAt: input.now })
    .where(and(claimable, inArray(notifications.id, earliest)))
    .returning({ id: notifications.id, generation: notifications.generation })
}

/**
 * Gives a reminder that reached the consumer in the quiet hours back to the
 * cron, as if never dispatched (pending, no lease, `updated_at` empty): the
 * first run after the quiet hours hands it to the queue again. Only the
 * delivery chain the consumer held, so a resend meanwhile is left alone.
 */
export async function returnReminderToDispatch(db: Db, input: { id: string; generation: number }): Promise<void> {
  await db
    .update(notifications)
    .set({ updatedAt: null, claimedUntil: null })
    .where(and(eq(notifications.id, input.id), eq(notifications.status, 'pending'), eq(notifications.generation, input.generation)))
}
