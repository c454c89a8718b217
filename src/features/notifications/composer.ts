import type { Db } from '../../platform/database'
import type { OutgoingEmail } from './email'
import type { NotifySettings } from './settings'
import type { NotificationRow } from './store/schema'

/** The person a request came from, as far as sending needs them. */
export interface Requester {
  name: string
  email: string
  phone: string | null
}

/** A notification loaded for sending: its outbox row and whatever its message is written from. */
export interface Deliverable {
  notification: NotificationRow
  /** Whose request it announces: the acknowledgement's daily key, and what a provider's error must not repeat. */
  request: Requester
}

/** What composing a message may use besides the notification itself. */
export interface ComposeContext {
  db: Db
  env: Env
  settings: NotifySettings
  now: Date
}

/**
 * What a notification says, supplied by the feature whose rows the outbox
 * announces (bookings), so that this feature sends, retries and records
 * messages without knowing what they are about. The Worker passes it to the
 * queue consumer.
 */
export interface NotificationComposer<Job extends Deliverable> {
  /** The notification with what its message is written from, or undefined when it is gone (its request erased). */
  load(db: Db, notificationId: string): Promise<Job | undefined>
  /** Why the message would now tell the recipient something false, or null while it still holds. */
  supersededReason(job: Job, now: Date): string | null
  /**
   * Gives a scheduled send that reached the consumer in the quiet hours back
   * to its own dispatch and says so; false leaves it to be sent now.
   */
  holdForQuietHours(db: Db, job: Job, now: Date): Promise<boolean>
  /** The email of the notification's channel (every channel but the webhook). */
  composeEmail(job: Job, context: ComposeContext): Promise<OutgoingEmail>
  /** The webhook's JSON body. */
  composeWebhook(job: Job, settings: NotifySettings): unknown
}
