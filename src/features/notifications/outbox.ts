import { describeError, logEvent } from '../../platform/log'
import type { NotifyMessage } from './message'

/** An outbox row as the queue names it: its id and the delivery chain it is on. */
export interface QueuedNotification {
  id: string
  generation: number
}

/**
 * Sends one queue message per notification, carrying ids only. Rejects when
 * the queue refuses, for the cron jobs whose run must then show as failed.
 */
export async function handToQueue(queue: Queue, rows: readonly QueuedNotification[]): Promise<void> {
  if (rows.length === 0) return
  await queue.sendBatch(rows.map(({ id, generation }) => ({ body: { notificationId: id, generation } satisfies NotifyMessage })))
}

/**
 * Hands the notifications a write has just stored to the queue, on the
 * delivery chain `generation` (0 until a resend). Best effort: a send the
 * queue refuses is logged and the rows stay pending, so the sweep sends them
 * within minutes and the caller answers as if it had gone.
 *
 * @example await enqueue(c.env.NOTIFY_QUEUE, stored.notificationIds)
 */
export async function enqueue(queue: Queue, notificationIds: readonly string[], generation = 0): Promise<void> {
  try {
    await handToQueue(
      queue,
      notificationIds.map((id) => ({ id, generation })),
    )
  } catch (error) {
    logEvent('error', 'queue_send_failed', { notificationIds, error: describeError(error) })
  }
}
