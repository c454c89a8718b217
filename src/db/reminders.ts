import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm'
import type { Db } from './client'
import { notifications } from './schema'

/**
 * Hands due reminders to exactly one caller: the pending reminders whose time
 * has come and that no cron run has dispatched yet (updated_at still empty),
 * or whose message seems lost by the sweep's own measure (never attempted and
 * untouched for `unsentAfterMs`, or untouched for `retryLostAfterMs`). One
 * conditional update stamps them and returns them, so of two cron runs at once
 * each row goes to one. Earliest due first, at most `limit`.
 */
export async function claimDueReminders(
  db: Db,
  input: { now: Date; unsentAfterMs: number; retryLostAfterMs: number; limit: number },
): Promise<{ id: string; generation: number }[]> {
  const before = (ms: number) => new Date(input.now.getTime() - ms)
  const claimable = and(
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
