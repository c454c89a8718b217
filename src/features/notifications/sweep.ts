import { createDb } from '../../platform/database'
import { logEvent } from '../../platform/log'
import { maxRetryDelaySeconds } from './consumer'
import { handToQueue } from './outbox'
import { listStalePending, touchNotifications } from './store/notifications'

/** At most this many per run (a queue batch takes 100), oldest first; the next run takes the rest. */
export const sweepLimit = 50
/** A request's first queue message normally arrives within seconds; after this it was lost. */
export const unsentAfterMs = 3 * 60_000
/** Longer than the longest retry delay, so a notification waiting for its retry is left alone. */
export const retryLostAfterMs = maxRetryDelaySeconds * 1000 + 5 * 60_000

/**
 * Re-enqueues pending notifications whose queue message was lost (the send after
 * storing failed, or a retry chain vanished). Reminders are left to their own
 * dispatch (bookings' `dispatchDueReminders`), which hands each to the queue once. A
 * notification enqueued twice is still sent once: the consumer acks a sent row
 * and the lease serialises sends.
 */
export async function sweepPendingNotifications(env: Env, now: Date): Promise<string[]> {
  const db = createDb(env.DB)
  const stale = await listStalePending(db, { now, unsentAfterMs, retryLostAfterMs, limit: sweepLimit })
  if (stale.length === 0) return []
  // The row's current chain: a message of an older one would be ignored by the consumer.
  await handToQueue(env.NOTIFY_QUEUE, stale)
  const ids = stale.map((row) => row.id)
  // After the send: if this write fails, the next run enqueues them again, which is harmless.
  await touchNotifications(db, { ids, now })
  logEvent('warn', 'notifications_reenqueued', { count: ids.length })
  return ids
}
