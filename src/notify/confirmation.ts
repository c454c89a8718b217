import { html } from 'hono/html'
import { appointmentUid, invitationIcs } from './ics'
import { practice } from '../config'
import type { NotificationJob } from '../db/notifications'
import { renderEmailDocument } from './content'
import type { OutgoingEmail } from './email'
import { formatInstantWithZone, isPlainAddress } from './format'
import type { NotifySettings } from './settings'

const clinicAddress = `${practice.address.street}, ${practice.address.locality}, ${practice.address.region} ${practice.address.postalCode}`

/**
 * The patient's confirmation with an `.ics` invitation. The patient's name is
 * not repeated in the text: only the clinic's words, the time, the reference
 * and, with NOTIFY_DETAILS=full, the treatment.
 */
export async function buildConfirmationEmail({ request, notification }: NotificationJob, settings: NotifySettings): Promise<OutgoingEmail> {
  if (!request.confirmedStart || !request.confirmedEnd) throw new Error('the booking has no confirmed time')
  if (!isPlainAddress(request.email)) throw new Error('the patient address cannot be used in a header')
  if (!settings.from) throw new Error('NOTIFY_FROM is not set')
  // The treatment tells what the patient is being treated for, a health detail: like every
  // notification, this email and its calendar entry name it only under NOTIFY_DETAILS=full.
  const treatment = settings.details === 'full' ? practice.services.find((candidate) => candidate.id === request.serviceId)?.name : undefined
  const service = treatment ?? 'Appointment'
  const when = formatInstantWithZone(request.confirmedStart)
  const subject = `Your appointment is confirmed: ${when}`
  const paragraphs = [
    `Your appointment at ${settings.clinicName} is confirmed for ${when}.`,
    `${service}, at ${clinicAddress}.`,
    `Your reference is ${request.reference}. The attached invitation adds it to your calendar.`,
    `If you need to change it, call ${practice.phone} or reply to this email.`,
  ]
  const ics = invitationIcs({
    uid: appointmentUid(notification.requestId, settings.siteUrl),
    sequence: notification.appointmentSequence ?? 0,
    status: 'CONFIRMED',
    start: request.confirmedStart,
    end: request.confirmedEnd,
    // When the invitation was written, not when it is sent: every retry then carries the same bytes, which an
    // idempotent send (Resend's key) requires of a repeat.
    stamp: notification.createdAt,
    summary: `${service} at ${settings.clinicName}`,
    description: `Reference ${request.reference}. To change the time, call ${practice.phone}.`,
    location: clinicAddress,
    organizer: { name: settings.clinicName, email: settings.clinicEmail },
    attendee: { name: request.name, email: request.email },
  }, 'REQUEST')
  return {
    from: { name: settings.clinicName, email: settings.from },
    to: request.email,
    replyTo: settings.clinicEmail,
    subject,
    text: `${paragraphs.join('\n\n')}\n`,
    html: await renderEmailDocument(subject, html`${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}`),
    attachments: [{ disposition: 'attachment', filename: 'appointment.ics', type: 'text/calendar; method=REQUEST; charset=utf-8', content: ics }],
  }
}
