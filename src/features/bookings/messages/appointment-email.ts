import { html } from 'hono/html'
import type { Db } from '../../../platform/database'
import { hmacHex } from '../../../platform/signing'
import { type ComposeContext, isPlainAddress, type OutgoingEmail, renderEmailDocument } from '../../notifications'
import { currentSettings } from '../../settings'
import { findBookedTreatment } from '../domain/treatment'
import { listProposals } from '../store/appointment-queries'
import { storeManageToken } from '../store/manage-tokens'
import type { NotificationJob } from '../store/notification-jobs'
import { type Paragraph, type PatientTopic, writeAppointmentTexts } from './appointment-texts'
import { buildInvitation } from './invitation'

const patientTopics = new Set<string>(['proposed', 'confirmed', 'moved', 'cancelled', 'declined', 'expired', 'reminder'])

/** The topic of a patient's email; the legacy `confirmation` channel is the confirmation. */
function patientTopicOf({ notification }: NotificationJob): PatientTopic {
  const topic = notification.channel === 'confirmation' ? 'confirmed' : notification.topic
  if (!patientTopics.has(topic)) throw new Error(`no email is written for the "${topic}" topic`)
  return topic as PatientTopic
}

/**
 * The link to the patient's page carried by one notification. Derived from the
 * notification and its delivery chain rather than drawn at random, so every
 * retry sends the same bytes (Resend refuses a repeated key with another body);
 * only its hash is stored.
 */
async function manageLinkOf(db: Db, job: NotificationJob, { secret, siteUrl, now }: { secret: string; siteUrl: string; now: Date }): Promise<string> {
  const { id, generation } = job.notification
  const requestId = job.request.id
  const token = (await hmacHex(secret, `manage-link:${id}:${generation}`)).slice(0, 32)
  await storeManageToken(db, { token, requestId, now })
  return new URL(`/manage/${token}`, siteUrl).toString()
}

const textOf = (paragraph: Paragraph) => (typeof paragraph === 'string' ? paragraph : `${paragraph.label}: ${paragraph.href}`)
const htmlOf = (paragraph: Paragraph) =>
  typeof paragraph === 'string' ? html`<p style="white-space:pre-line">${paragraph}</p>` : html`<p><a href="${paragraph.href}">${paragraph.label}</a></p>`

/**
 * The patient's email about their appointment, by topic, with the link to
 * their page and, for a booked time, the calendar invitation. The time is the
 * request's at sending, so a late email never shows a replaced one. Nothing
 * the patient typed appears in it; the treatment only under NOTIFY_DETAILS=full.
 */
export async function buildAppointmentEmail(job: NotificationJob, deps: ComposeContext): Promise<OutgoingEmail> {
  const { request } = job
  const { settings } = deps
  const topic = patientTopicOf(job)
  if (!isPlainAddress(request.email)) throw new Error('the patient address cannot be used in a header')
  if (!settings.from) throw new Error('NOTIFY_FROM is not set')
  // The treatment tells what the patient is being treated for, a health detail.
  const treatment = settings.details === 'full' ? findBookedTreatment(request, currentSettings().allServices)?.name : undefined
  const manageLink = await manageLinkOf(deps.db, job, { secret: deps.env.FORM_SECRET, siteUrl: settings.siteUrl, now: deps.now })
  const texts = writeAppointmentTexts(topic, {
    request,
    proposals: topic === 'proposed' ? await listProposals(deps.db, request.id) : [],
    treatment,
    clinicName: settings.clinicName,
    clinicPhone: settings.clinicPhone,
    clinicAddress: settings.clinicAddress,
    manageLink,
    bookLink: new URL('/book', settings.siteUrl).toString(),
    cancelNoticeHours: currentSettings().policy.cancelNoticeHours,
  })
  const invitation = buildInvitation(topic, job, { settings, treatment, manageLink })
  return {
    from: { name: settings.clinicName, email: settings.from },
    to: request.email,
    replyTo: settings.clinicEmail,
    subject: texts.subject,
    text: `${texts.paragraphs.map(textOf).join('\n\n')}\n`,
    html: await renderEmailDocument(texts.subject, html`${texts.paragraphs.map(htmlOf)}`),
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
