import { type ComposeContext, emailClinicOf, isPlainAddress, type NotifySettings, type OutgoingEmail, renderEmail } from '../../notifications'
import { currentSettings } from '../../settings'
import { findBookedTreatment } from '../domain/treatment'
import { listProposals } from '../store/appointment-queries'
import type { NotificationJob } from '../store/notification-jobs'
import { type PatientTopic, writeAppointmentTexts } from './appointment-texts'
import { buildInvitation } from './invitation'
import { manageLinkFor } from './manage-link'
import { patientReplyTo } from './patient-reply-to'

const patientTopics = new Set<string>(['proposed', 'confirmed', 'moved', 'cancelled', 'declined', 'expired', 'reminder'])

/** The topic of a patient's email; the legacy `confirmation` channel is the confirmation. */
function patientTopicOf({ notification }: Pick<NotificationJob, 'notification'>): PatientTopic {
  const topic = notification.channel === 'confirmation' ? 'confirmed' : notification.topic
  if (!patientTopics.has(topic)) throw new Error(`no email is written for the "${topic}" topic`)
  return topic as PatientTopic
}

/** What the patient's appointment email is written from besides the job: its link, the proposals and where replies go. */
interface AppointmentEmailParts {
  settings: NotifySettings
  manageLink: string
  proposals: readonly { start: Date }[]
  replyTo: string
}

/**
 * The patient's email about their appointment, by topic, with the link to
 * their page and, for a booked time, the calendar invitation: pure, so the
 * inbox's previews write it as the queue does. The time is the request's at
 * sending, so a late email never shows a replaced one. Nothing the patient
 * typed appears in it; the treatment only under NOTIFY_DETAILS=full.
 */
export async function composeAppointmentEmail(
  job: NotificationJob,
  { settings, manageLink, proposals, replyTo }: AppointmentEmailParts,
): Promise<OutgoingEmail> {
  const { request } = job
  const topic = patientTopicOf(job)
  if (!isPlainAddress(request.email)) throw new Error('the patient address cannot be used in a header')
  if (!settings.from) throw new Error('NOTIFY_FROM is not set')
  const practice = currentSettings()
  // The treatment tells what the patient is being treated for, a health detail.
  const treatment = settings.details === 'full' ? findBookedTreatment(request, practice.allServices)?.name : undefined
  const texts = writeAppointmentTexts(topic, {
    request,
    proposals,
    treatment,
    clinicName: settings.clinicName,
    clinicPhone: settings.clinicPhone,
    clinicAddress: settings.clinicAddress,
    manageLink,
    bookLink: new URL('/book', settings.siteUrl).toString(),
    cancelNoticeHours: practice.policy.cancelNoticeHours,
  })
  const invitation = buildInvitation(topic, job, { settings, treatment, manageLink })
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: texts.heading,
    blocks: texts.blocks,
    button: texts.button,
  })
  return {
    from: { name: settings.clinicName, email: settings.from },
    to: request.email,
    replyTo,
    subject: texts.subject,
    ...email,
    ...(invitation
      ? {
          attachments: [
            {
              disposition: 'attachment',
              filename: 'appointment.ics',
              type: `text/calendar; method=${invitation.method}; charset=utf-8`,
              content: invitation.ics,
            },
          ],
        }
      : {}),
  }
}

/** The appointment email as the queue sends it: the page link stored, the proposals read, the reply address derived. */
export async function buildAppointmentEmail(job: NotificationJob, { db, env, settings, now }: ComposeContext): Promise<OutgoingEmail> {
  const manageLink = await manageLinkFor(db, { ...job.notification, requestId: job.request.id }, { secret: env.FORM_SECRET, siteUrl: settings.siteUrl, now })
  const proposals = patientTopicOf(job) === 'proposed' ? await listProposals(db, job.request.id) : []
  return composeAppointmentEmail(job, { settings, manageLink, proposals, replyTo: await patientReplyTo(env.FORM_SECRET, settings, job.request) })
}
