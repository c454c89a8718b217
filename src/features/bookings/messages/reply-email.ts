import {
  type ComposeContext,
  emailClinicOf,
  isPlainAddress,
  multiLine,
  type NotificationContent,
  type NotifySettings,
  type OutgoingEmail,
  renderEmail,
} from '../../notifications'
import type { NotificationJob } from '../store/notification-jobs'
import { findReplyBody } from '../store/thread'
import { manageLinkFor } from './manage-link'
import { patientReplyTo } from './patient-reply-to'

/** The practitioner's words as paragraphs: blank lines part them, single line breaks stay inside one. */
const paragraphsOf = (body: string) =>
  multiLine(body)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)

/**
 * The practitioner's message to the patient, written in the inbox: their
 * words, the request's reference and, for a booking, the button to the
 * patient's page. The subject is fixed words and the reference only.
 */
export async function composeReplyEmail(
  request: Pick<NotificationJob['request'], 'kind' | 'reference'>,
  body: string,
  { settings, manageLink }: { settings: NotifySettings; manageLink: string | undefined },
): Promise<NotificationContent> {
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: `A message from ${settings.clinicName}`,
    blocks: [...paragraphsOf(body).map((paragraph) => ({ paragraph })), { facts: [{ label: 'Reference', value: request.reference }] }],
    ...(request.kind === 'booking' && manageLink ? { button: { label: 'Your appointment page', href: manageLink } } : {}),
    footnote: `You are getting this email because you wrote to ${settings.clinicName}. To answer, reply to it.`,
  })
  return { subject: `Re: your request ${request.reference}`, ...email }
}

/**
 * The reply channel's email: the message read by its notification, the link
 * to the patient's page minted for it. Replies go to the request's own reply
 * address when REPLY_ADDRESS is set (so the answer joins the thread), else to
 * the clinic's address.
 */
export async function buildReplyEmail(job: NotificationJob, { db, env, settings, now }: ComposeContext): Promise<OutgoingEmail> {
  const { request, notification } = job
  if (!isPlainAddress(request.email)) throw new Error('the patient address cannot be used in a header')
  if (!settings.from) throw new Error('NOTIFY_FROM is not set')
  const body = await findReplyBody(db, { requestId: request.id, notificationId: notification.id })
  if (body === undefined) throw new Error('the message of this notification is gone')
  const manageLink =
    request.kind === 'booking'
      ? await manageLinkFor(db, { ...notification, requestId: request.id }, { secret: env.FORM_SECRET, siteUrl: settings.siteUrl, now })
      : undefined
  return {
    from: { name: settings.clinicName, email: settings.from },
    to: request.email,
    replyTo: await patientReplyTo(env.FORM_SECRET, settings, request),
    ...(await composeReplyEmail(request, body, { settings, manageLink })),
  }
}
