import type { NotificationJob } from '../db/notifications'
import { composePatientAcknowledgement, composePractitionerEmail, type NotificationContent } from './content'
import { isPlainAddress } from './format'
import type { NotifySettings } from './settings'

/** The builder form of the send_email binding's message, as this Worker uses it. */
export type OutgoingEmail = EmailMessageBuilder & { to: string }

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
export async function buildPractitionerEmail(job: NotificationJob, settings: NotifySettings): Promise<OutgoingEmail> {
  if (!settings.to) throw new Error('NOTIFY_TO is not set')
  const replyTo = isPlainAddress(job.request.email) ? job.request.email : undefined
  return fromClinic(settings, settings.to, await composePractitionerEmail(job, settings), replyTo)
}

/** The acknowledgement to the patient; replies go to the clinic's public address. */
export async function buildPatientEmail(job: NotificationJob, settings: NotifySettings): Promise<OutgoingEmail> {
  if (!isPlainAddress(job.request.email)) throw new Error('the patient address cannot be used in a header')
  return fromClinic(settings, job.request.email, await composePatientAcknowledgement(job, settings), settings.clinicEmail)
}

/** Hands the message to the send_email binding; its message id is the provider's receipt. */
export async function sendEmail(binding: SendEmail, message: OutgoingEmail): Promise<string> {
  const { messageId } = await binding.send(message)
  return messageId
}
