import type { Db } from '../../../platform/database'
import {
  type ComposeContext,
  isPlainAddress,
  type NotificationComposer,
  type NotificationContent,
  type NotifySettings,
  type OutgoingEmail,
} from '../../notifications'
import { currentSettings } from '../../settings'
import { isQuiet, quietEnd, quietHold } from '../domain/quiet-hours'
import { supersededEmailReason } from '../domain/superseded'
import { loadNotificationJob, type NotificationJob } from '../store/notification-jobs'
import { returnReminderToDispatch } from '../store/reminders'
import { findNotification, loadWaitlistJob, returnOfferToSweep, type WaitlistJob } from '../store/waitlist-jobs'
import { buildAppointmentEmail } from './appointment-email'
import { manageLinkFor } from './manage-link'
import { composePatientRepliedEmail } from './patient-replied-email'
import { patientReplyTo } from './patient-reply-to'
import { buildReplyEmail } from './reply-email'
import { composePatientAcknowledgement, composePractitionerEmail } from './request-email'
import { buildWaitlistEmail } from './waitlist-email'
import { buildWebhookPayload } from './webhook-payload'

/** A notification of a request and its appointment, or a waitlisted patient's email. */
type BookingJob = NotificationJob | WaitlistJob

const isWaitlistJob = (job: BookingJob): job is WaitlistJob => 'entry' in job

/** A request's notification (one read), else a waitlist email's. */
async function loadBookingJob(db: Db, id: string): Promise<BookingJob | undefined> {
  const job = await loadNotificationJob(db, id)
  if (job) return job
  const notification = await findNotification(db, id)
  return notification ? loadWaitlistJob(db, notification) : undefined
}

/**
 * Why an offer email would now mislead: the patient has left or booked, the
 * offer was settled, or its start has come. A welcome always holds.
 */
function waitlistSupersededReason({ entry, offer }: WaitlistJob, now: Date): string | null {
  if (!offer) return null
  if (entry.endedAt) return 'the patient is no longer on the waitlist'
  if (offer.outcome) return 'the offered time was settled'
  return offer.start.getTime() <= now.getTime() ? 'the offered time has begun' : null
}

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
  const content = job.notification.topic === 'patient-replied' ? composePatientRepliedEmail(job, settings) : composePractitionerEmail(job, settings)
  return fromClinic(settings, settings.to, await content, replyTo)
}

/** The acknowledgement to the patient, with the link to their page; replies go to the request's reply address, else the clinic's. */
async function buildPatientEmail(job: NotificationJob, { db, env, settings, now }: ComposeContext): Promise<OutgoingEmail> {
  if (!isPlainAddress(job.request.email)) throw new Error('the patient address cannot be used in a header')
  const manageLink = await manageLinkFor(db, { ...job.notification, requestId: job.request.id }, { secret: env.FORM_SECRET, siteUrl: settings.siteUrl, now })
  const replyTo = await patientReplyTo(env.FORM_SECRET, settings, job.request)
  return fromClinic(settings, job.request.email, await composePatientAcknowledgement(job, settings, manageLink), replyTo)
}

function composeEmail(job: BookingJob, context: ComposeContext): Promise<OutgoingEmail> {
  if (isWaitlistJob(job)) return buildWaitlistEmail(job, context)
  switch (job.notification.channel) {
    case 'email':
      return buildPractitionerEmail(job, context.settings)
    case 'patient':
      return buildPatientEmail(job, context)
    // The legacy channel of the confirmation, still on older rows, is the appointment's `confirmed` email.
    case 'confirmation':
    case 'appointment':
      return buildAppointmentEmail(job, context)
    case 'webhook':
      throw new Error('the webhook channel sends no email')
    case 'waitlist':
      throw new Error('a waitlist email belongs to a waitlist entry')
    case 'reply':
      return buildReplyEmail(job, context)
  }
}

/**
 * What the notifications of a request and its appointment say, and whether
 * they still hold when their turn comes: the Worker hands it to the queue
 * consumer.
 */
export const bookingMessages: NotificationComposer<BookingJob> = {
  load: loadBookingJob,
  supersededReason: (job, now) => (isWaitlistJob(job) ? waitlistSupersededReason(job, now) : supersededEmailReason(job, now)),
  async holdForQuietHours(db, job, now) {
    const { policy, timeZone } = currentSettings()
    if (isWaitlistJob(job)) {
      // Offers are written outside the quiet hours; one reaching the queue in them (a retry, a late delivery) waits for their end.
      if (!job.offer || !policy.quietHours || !isQuiet(now, policy.quietHours, timeZone)) return false
      const { notification } = job
      await returnOfferToSweep(db, { id: notification.id, generation: notification.generation, until: quietEnd(now, policy.quietHours, timeZone) })
      return true
    }
    const { notification, request } = job
    if (notification.topic !== 'reminder' || !request.confirmedStart || !quietHold(now, request.confirmedStart, policy.quietHours, timeZone)) return false
    await returnReminderToDispatch(db, { id: notification.id, generation: notification.generation })
    return true
  },
  composeEmail,
  composeWebhook(job, settings) {
    if (isWaitlistJob(job)) throw new Error('a waitlist email has no webhook')
    return buildWebhookPayload(job, settings)
  },
}
