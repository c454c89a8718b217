import { createDb } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { applyTransition, listExpiredRequests, transitions, waitedSinceSql } from '../bookings'
import { currentSettings } from '../settings'
import type { NotifyMessage } from './message'

/** Bookings expired per hourly run, one batch each; the next run takes the rest. */
const expiryLimit = 50

const hourMs = 3_600_000

/**
 * The hourly expiry: every booking that has waited the inbox's expiry (72 hours
 * by default; 0 turns expiry off) for an answer becomes `expired`, each in a
 * batch of its own through the transition table (history by "system", the
 * patient's `expired` email in the outbox), guarded so that a proposal or a
 * confirmation made meanwhile wins. The emails are enqueued afterwards; one the
 * queue refuses stays pending for the sweep. Returns the notification ids.
 */
export async function expireUnansweredRequests(env: Env, now: Date): Promise<string[]> {
  const { expiryHours } = currentSettings().policy
  if (expiryHours === 0) return []
  const db = createDb(env.DB)
  const cutoff = new Date(now.getTime() - expiryHours * hourMs)
  const expired: string[] = []
  for (const id of await listExpiredRequests(db, { cutoff, limit: expiryLimit })) {
    const notificationId = crypto.randomUUID()
    const written = await applyTransition(db, {
      id,
      guard: transitions.expire,
      actor: 'system',
      note: `no answer within ${expiryHours} hours`,
      now,
      notifications: [{ id: notificationId, channel: 'appointment', topic: 'expired' }],
      condition: waitedSinceSql(cutoff),
    })
    if (written) expired.push(notificationId)
  }
  if (expired.length === 0) return []
  logEvent('info', 'requests_expired', { count: expired.length })
  try {
    await env.NOTIFY_QUEUE.sendBatch(expired.map((notificationId) => ({ body: { notificationId, generation: 0 } satisfies NotifyMessage })))
  } catch (error) {
    logEvent('error', 'queue_send_failed', { count: expired.length, error: describeError(error) })
  }
  return expired
}
