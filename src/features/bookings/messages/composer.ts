import {
  type ComposeContext,
  isPlainAddress,
  type NotificationComposer,
  type NotificationContent,
  type NotifySettings,
  type OutgoingEmail,
} from '../../notifications'
import { currentSettings } from '../../settings'
import { quietHold } from '../domain/quiet-hours'
import { supersededEmailReason } from '../domain/superseded'
import { loadNotificationJob, type NotificationJob } from '../store/notification-jobs'
import { returnReminderToDispatch } from '../store/reminders'
import { buildAppointmentEmail } from './appointment-email'
import { composePatientAcknowledgement, composePractitionerEmail } from './request-email'
import { buildWebhookPayload } from './webhook-payload'

function fromClinic(settings: NotifySettings, to: string, content: NotificationContent, replyTo: string | undefined): OutgoingEmail {
  if (!settings.from) throw new Error('NOTIFY_FROM is not set')
  return {
    from: { name: settings.clinicName, email: settings.from },
    to,
    ...(replyTo ? { replyTo } : {}),
    subject: content.subject,
    text: content.text,
    html: content.html,
  }
}

/**
 * The practitioner's email. Reply-To is the patient, so replying reaches them
 * directly; it is the only header built from patient input, and only once the
 * address has passed `isPlainAddress`.
 */
async function buildPractitionerEmail(job: NotificationJob, settings: NotifySettings): Promise<OutgoingEmail> {
  if (!settings.to) throw new Error('NOTIFY_TO is not set')
  const replyTo = isPlainAddress(job.request.email) ? job.request.email : undefined
  return fromClinic(settings, settings.to, await composePractitionerEmail(job, settings), replyTo)
}

/** The acknowledgement to the patient; replies go to the clinic's public address. */
async function buildPatientEmail(job: NotificationJob, settings: NotifySettings): Promise<OutgoingEmail> {
  if (!isPlainAddress(job.request.email)) throw new Error('the patient address cannot be used in a header')
  return fromClinic(settings, job.request.email, await composePatientAcknowledgement(job, settings), settings.clinicEmail)
}

function composeEmail(job: NotificationJob, context: ComposeContext): Promise<OutgoingEmail> {
  switch (job.notification.channel) {
    case 'email':
      return buildPractitionerEmail(job, context.settings)
    case 'patient':
      return buildPatientEmail(job, context.settings)
    // The legacy channel of the confirmation, still on older rows, is the appointment's `confirmed` email.
    case 'confirmation':
    case 'appointment':
      return buildAppointmentEmail(job, context)
    case 'webhook':
      throw new Error('the webhook channel sends no email')
  }
}

/**
 * What the notifications of a request and its appointment say, and whether
 * they still hold when their turn comes: the Worker hands it to the queue
 * consumer.
 */
export const bookingMessages: NotificationComposer<NotificationJob> = {
  load: loadNotificationJob,
  supersededReason: supersededEmailReason,
  async holdForQuietHours(db, { notification, request }, now) {
    const { policy, timeZone } = currentSettings()
    if (notification.topic !== 'reminder' || !request.confirmedStart || !quietHold(now, request.confirmedStart, policy.quietHours, timeZone)) return false
    await returnReminderToDispatch(db, { id: notification.id, generation: notification.generation })
    return true
  },
  composeEmail,
  composeWebhook: buildWebhookPayload,
}
