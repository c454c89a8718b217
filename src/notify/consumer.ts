import { createDb, type Db } from '../db/client'
import { claimNotification, loadNotification, markSent, recordFailure, type NotificationJob } from '../db/notifications'
import { describeError, logEvent } from '../lib/log'
import { buildConfirmationEmail } from './confirmation'
import { buildPatientEmail, buildPractitionerEmail, sendEmail } from './email'
import { notifyMessageSchema } from './message'
import { readNotifySettings, type NotifySettings } from './settings'
import { buildWebhookPayload, postWebhook } from './webhook'

export const maxRetryDelaySeconds = 600

/** Delay before the next try after delivery `attempt` (1-based) failed: 10 s doubling, capped at 10 min. */
const retryDelaySeconds = (attempt: number): number => Math.min(10 * 2 ** Math.max(0, attempt - 1), maxRetryDelaySeconds)

/**
 * How long a consumer holds a notification while sending. Longer than the
 * slowest send (the webhook gives up after 10 s); a consumer that crashed
 * mid-send blocks redelivery for at most this long.
 */
export const leaseMs = 60_000

interface Deps {
  db: Db
  env: Env
  settings: NotifySettings
}

/**
 * The queue consumer: each message is settled on its own (acked or retried with
 * its own delay), so one failing notification never holds back the others.
 */
export async function deliverNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deps = { db: createDb(env.DB), env, settings: readNotifySettings(env) }
  await Promise.all(batch.messages.map((message) => settleMessage(message, deps)))
}

async function settleMessage(message: Message<unknown>, deps: Deps): Promise<void> {
  const parsed = notifyMessageSchema.safeParse(message.body)
  if (!parsed.success) {
    // It can never become valid: retrying would only delay the dead-letter queue.
    logEvent('error', 'notify_message_malformed', { messageId: message.id })
    message.ack()
    return
  }
  const { notificationId } = parsed.data
  try {
    await deliverOnce(notificationId, message, deps)
  } catch (error) {
    // The ledger could not be read or written (D1 unavailable): nothing is known
    // to be lost, so the message comes back later and the state machine decides.
    logEvent('error', 'notification_ledger_error', { notificationId, attempt: message.attempts, error: describeError(error) })
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) })
  }
}

/**
 * pending → (lease) → send → sent. Exactly once except for one window: if the
 * Worker dies after the provider accepted and before `markSent` is written (one
 * D1 update, a few milliseconds), the lease expires and a redelivery sends again.
 */
async function deliverOnce(notificationId: string, message: Message<unknown>, { db, env, settings }: Deps): Promise<void> {
  const job = await loadNotification(db, notificationId)
  if (!job) {
    // The request was erased with its outbox rows: there is nothing left to tell.
    logEvent('warn', 'notification_missing', { notificationId })
    message.ack()
    return
  }
  if (job.notification.status !== 'pending') {
    // Sent already (a redelivery or a sweep duplicate), or failed: a resend makes it pending again first.
    message.ack()
    return
  }
  if (!(await claimNotification(db, { id: notificationId, now: new Date(), leaseMs }))) {
    // Another delivery of the same notification is sending right now; look again once its lease is over.
    message.retry({ delaySeconds: leaseMs / 1000 })
    return
  }
  let providerMessageId: string | null
  try {
    providerMessageId = await send(job, env, settings)
  } catch (error) {
    const attempts = await recordFailure(db, { id: notificationId, error: describeError(error), now: new Date() })
    const delaySeconds = retryDelaySeconds(message.attempts)
    logEvent('warn', 'notification_attempt_failed', { notificationId, channel: job.notification.channel, attempts, attempt: message.attempts, delaySeconds, error: describeError(error) })
    message.retry({ delaySeconds })
    return
  }
  await recordSent(db, notificationId, providerMessageId)
  logEvent('info', 'notification_sent', { notificationId, channel: job.notification.channel, attempt: message.attempts })
  message.ack()
}

const ledgerTries = 3

/**
 * The send already happened, so a transient D1 error here is worth a few quick
 * tries in place: each one that succeeds closes the window for a second send.
 */
async function recordSent(db: Db, id: string, providerMessageId: string | null): Promise<void> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      await markSent(db, { id, providerMessageId, now: new Date() })
      return
    } catch (error) {
      if (tryNumber >= ledgerTries) throw error
      logEvent('warn', 'notification_mark_sent_retry', { notificationId: id, tryNumber, error: describeError(error) })
      await new Promise((resolve) => setTimeout(resolve, 100 * tryNumber))
    }
  }
}

/** Sends through the row's channel; resolves to the provider's message id, if it gives one. */
async function send(job: NotificationJob, env: Env, settings: NotifySettings): Promise<string | null> {
  switch (job.notification.channel) {
    case 'email':
      return sendEmail(env.EMAIL, await buildPractitionerEmail(job, settings))
    case 'patient':
      return sendEmail(env.EMAIL, await buildPatientEmail(job, settings))
    case 'confirmation':
      return sendEmail(env.EMAIL, await buildConfirmationEmail(job, settings))
    case 'webhook':
      if (!settings.webhook) throw new Error('NOTIFY_WEBHOOK_URL is not set')
      return postWebhook(settings.webhook, buildWebhookPayload(job, settings), job.notification.id, new Date())
  }
}
