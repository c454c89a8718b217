import { createDb } from '../../platform/database'
import { logEvent } from '../../platform/log'
import { claimDueReminders, isQuiet, quietEnd } from '../bookings'
import { currentSettings } from '../settings'
import type { NotifyMessage } from './message'
import { retryLostAfterMs, unsentAfterMs } from './sweep'

/** A queue batch takes 100 messages; a run that finds more leaves the rest to the next, five minutes on. */
const reminderDispatchLimit = 100

/**
 * The five-minute cron's hand-off of due reminders to the queue, each with its
 * current delivery chain. Reminders are this job's alone: the sweep leaves
 * them out, so no reminder is enqueued by both. If the queue refuses the
 * batch, the claimed rows are claimed again once `unsentAfterMs` has passed.
 * A run in the quiet hours leaves the reminders they hold for the first run after them.
 */
export async function dispatchDueReminders(env: Env, now: Date): Promise<string[]> {
  const { policy, timeZone } = currentSettings()
  const quietUntil = policy.quietHours && isQuiet(now, policy.quietHours, timeZone) ? quietEnd(now, policy.quietHours, timeZone) : null
  const due = await claimDueReminders(createDb(env.DB), { now, unsentAfterMs, retryLostAfterMs, limit: reminderDispatchLimit, quietUntil })
  if (due.length === 0) return []
  await env.NOTIFY_QUEUE.sendBatch(due.map(({ id, generation }) => ({ body: { notificationId: id, generation } satisfies NotifyMessage })))
  logEvent('info', 'reminders_dispatched', { count: due.length })
  return due.map((row) => row.id)
}
