import { createDb, type Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { alreadyAcknowledged, mayAcknowledge } from './acknowledgement'
import type { Deliverable, NotificationComposer } from './composer'
import { emailTimeoutMs, NoAnswerError } from './email'
import { type NotifyMessage, notifyMessageSchema } from './message'
import { redactPatientDetails } from './redaction'
import { sendNotification } from './send'
import { type NotifySettings, readNotifySettings } from './settings'
import { claimNotification, markSent, markUnsent, recordFailure } from './store/notifications'

export const maxRetryDelaySeconds = 600

/** Delay before the next try after delivery `attempt` (1-based) failed: 10 s doubling, capped at 10 min. */
const retryDelaySeconds = (attempt: number): number => Math.min(10 * 2 ** Math.max(0, attempt - 1), maxRetryDelaySeconds)

/**
 * How long a consumer holds a notification while sending. Every send is bounded
 * (email 15 s, webhook 10 s), so the lease is eight times the longest: building
 * the message and D1's writes fit many times over, and a lease never runs out
 * under a send still in flight. A consumer that crashed mid-send blocks
 * redelivery for at most this long.
 */
export const leaseMs = 120_000

/** What a test may set instead of the real clock and send bound. */
export interface ConsumerOptions {
  now?: () => Date
  emailTimeoutMs?: number
}

interface Deps<Job extends Deliverable> {
  db: Db
  env: Env
  composer: NotificationComposer<Job>
  settings: NotifySettings
  now: () => Date
  emailTimeoutMs: number
}

/**
 * The queue consumer: each message is settled on its own (acked or retried with
 * its own delay), so one failing notification never holds back the others.
 * `composer` says what each notification is about and what its message says.
 */
export async function deliverNotifications<Job extends Deliverable>(
  batch: MessageBatch<unknown>,
  env: Env,
  composer: NotificationComposer<Job>,
  options: ConsumerOptions = {},
): Promise<void> {
  const deps = {
    db: createDb(env.DB),
    env,
    composer,
    settings: readNotifySettings(env),
    now: options.now ?? (() => new Date()),
    emailTimeoutMs: options.emailTimeoutMs ?? emailTimeoutMs,
  }
  await Promise.all(batch.messages.map((message) => settleMessage(message, deps)))
}

async function settleMessage<Job extends Deliverable>(message: Message<unknown>, deps: Deps<Job>): Promise<void> {
  const parsed = notifyMessageSchema.safeParse(message.body)
  if (!parsed.success) {
    // It can never become valid: retrying would only delay the dead-letter queue.
    logEvent('error', 'notify_message_malformed', { messageId: message.id })
    message.ack()
    return
  }
  const { notificationId } = parsed.data
  try {
    await deliverOnce(parsed.data, message, deps)
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
async function deliverOnce<Job extends Deliverable>({ notificationId, generation }: NotifyMessage, message: Message<unknown>, deps: Deps<Job>): Promise<void> {
  const { db, now, composer } = deps
  const job = await composer.load(db, notificationId)
  if (!job) {
    // The request was erased with its outbox rows: there is nothing left to tell.
    logEvent('warn', 'notification_missing', { notificationId })
    message.ack()
    return
  }
  const { channel } = job.notification
  if (generation !== job.notification.generation) {
    // Left over from a delivery chain a resend has replaced: the new chain's own message delivers it.
    logEvent('info', 'notification_message_stale', { notificationId, generation, current: job.notification.generation })
    message.ack()
    return
  }
  if (job.notification.status !== 'pending') {
    // Sent already (a redelivery or a sweep duplicate), or settled otherwise: a resend makes it pending again first.
    message.ack()
    return
  }
  if (!(await claimNotification(db, { id: notificationId, generation, now: now(), leaseMs }))) {
    // Another delivery of the same notification is sending right now; look again once its lease is over.
    message.retry({ delaySeconds: leaseMs / 1000 })
    return
  }
  const superseded = composer.supersededReason(job, now())
  if (superseded) {
    // Cancelled, moved, released or started since it was written: the email would tell the patient something false.
    await markUnsent(db, { id: notificationId, status: 'skipped', reason: superseded, now: now() })
    logEvent('info', job.notification.topic === 'reminder' ? 'reminder_skipped' : 'appointment_email_skipped', { notificationId })
    message.ack()
    return
  }
  if (await composer.holdForQuietHours(db, job, now())) {
    // A queue retry or a resend landed in the quiet hours: a cron run after them hands it to the queue again.
    logEvent('info', 'held_for_quiet_hours', { notificationId, topic: job.notification.topic })
    message.ack()
    return
  }
  if (
    channel === 'patient' &&
    !(await mayAcknowledge(db, { notificationId, address: job.request.email, now: now(), secret: deps.env.FORM_SECRET, timeZone: deps.settings.timeZone }))
  ) {
    await markUnsent(db, { id: notificationId, status: 'skipped', reason: alreadyAcknowledged, now: now() })
    logEvent('info', 'acknowledgement_skipped', { notificationId })
    message.ack()
    return
  }
  let providerMessageId: string | null
  try {
    providerMessageId = await sendNotification(job, deps)
  } catch (error) {
    const described = redactPatientDetails(describeError(error), job.request)
    if (error instanceof NoAnswerError) {
      // It may have gone out: a second copy to a patient is worse than asking the practitioner, who can resend.
      await markUnsent(db, { id: notificationId, status: 'unknown', reason: error.message, now: now() })
      logEvent('error', 'notification_outcome_unknown', { notificationId, channel, attempt: message.attempts, error: described })
      message.ack()
      return
    }
    const attempts = await recordFailure(db, { id: notificationId, error: described, now: now() })
    const delaySeconds = retryDelaySeconds(message.attempts)
    logEvent('warn', 'notification_attempt_failed', { notificationId, channel, attempts, attempt: message.attempts, delaySeconds, error: described })
    message.retry({ delaySeconds })
    return
  }
  await recordSent(db, notificationId, providerMessageId, now)
  logEvent('info', 'notification_sent', { notificationId, channel, attempt: message.attempts })
  message.ack()
}

const ledgerTries = 3

/**
 * The send already happened, so a transient D1 error here is worth a few quick
 * tries in place: each one that succeeds closes the window for a second send.
 */
async function recordSent(db: Db, id: string, providerMessageId: string | null, now: () => Date): Promise<void> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      await markSent(db, { id, providerMessageId, now: now() })
      return
    } catch (error) {
      if (tryNumber >= ledgerTries) throw error
      logEvent('warn', 'notification_mark_sent_retry', { notificationId: id, tryNumber, error: describeError(error) })
      await new Promise((resolve) => setTimeout(resolve, 100 * tryNumber))
    }
  }
}
