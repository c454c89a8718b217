import { createDb } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { notifyMessageSchema } from './message'
import { markFailed } from './store/notifications'

const retryDelaySeconds = 60

/**
 * The dead-letter consumer: a message lands here after max_retries, and its
 * notification is marked failed so the inbox shows it. Only if it is still
 * pending in the message's own delivery chain: a sent one stays sent, and a
 * late dead letter from before a resend leaves the fresh attempt alone.
 */
export async function recordDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env.DB)
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = notifyMessageSchema.safeParse(message.body)
      if (!parsed.success) {
        logEvent('error', 'dead_letter_malformed', { messageId: message.id })
        message.ack()
        return
      }
      const { notificationId, generation } = parsed.data
      try {
        const marked = await markFailed(db, { id: notificationId, generation, reason: 'gave up after the queue retries', now: new Date() })
        logEvent('error', 'notification_failed', { notificationId, generation, marked })
        message.ack()
      } catch (error) {
        logEvent('error', 'dead_letter_ledger_error', { notificationId, error: describeError(error) })
        message.retry({ delaySeconds: retryDelaySeconds })
      }
    }),
  )
}
