import { zonedDate } from '../../../platform/time-zone'
import { type ComposeContext, emailClinicOf, isPlainAddress, type NotifySettings, type OutgoingEmail, renderEmail } from '../../notifications'
import { describeDate, describeStart } from '../domain/waitlist-words'
import { waitlistLinkToken } from '../store/waitlist'
import type { WaitlistJob } from '../store/waitlist-jobs'

/** The last clinic date an entry waits for: its expiry, or the day before when it expires at a midnight. */
const lastDay = (job: WaitlistJob, timeZone: string) => zonedDate(new Date(job.entry.expiresAt.getTime() - 1), timeZone)

/**
 * A waitlisted patient's email: that they joined (until when), or that a
 * time they could come has come free. Either carries one link, to their
 * waitlist page, never one that takes the time: mail scanners open links.
 * The treatment tells what the patient is treated for, so it appears only
 * under NOTIFY_DETAILS=full, as in the appointment emails.
 */
export async function buildWaitlistEmail(job: WaitlistJob, { env, settings }: ComposeContext): Promise<OutgoingEmail> {
  const link = new URL(`/waitlist/${await waitlistLinkToken(env.FORM_SECRET, job.entry.id)}`, settings.siteUrl).toString()
  return composeWaitlistEmail(job, settings, link)
}

/** The waitlist email itself, from the job and the link to the patient's waitlist page: pure, so the inbox previews it as sent. */
export async function composeWaitlistEmail(job: WaitlistJob, settings: NotifySettings, link: string): Promise<OutgoingEmail> {
  if (!isPlainAddress(job.entry.email)) throw new Error('the patient address cannot be used in a header')
  if (!settings.from) throw new Error('NOTIFY_FROM is not set')
  const treatment = settings.details === 'full' ? ` for ${job.entry.serviceName}` : ''
  const clock = { locale: settings.locale, timeZone: settings.timeZone }
  const { offer } = job
  const subject = offer ? `A time has come free at ${settings.clinicName}` : `You are on the waitlist at ${settings.clinicName}`
  const paragraphs = offer
    ? [
        `Hello ${job.entry.name},`,
        `A time you could come has come free: ${describeStart(offer.start, clock)}${treatment}.`,
        'It goes to whoever takes it first. To take it, open your waitlist page and choose “Take this time”.',
      ]
    : [
        `Hello ${job.entry.name},`,
        `You are on our waitlist${treatment} until ${describeDate(lastDay(job, settings.timeZone), settings.locale)}. When a time that suits you comes free, we email you.`,
        'Your waitlist page shows the times we offer you, and lets you leave the list.',
      ]
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: subject,
    blocks: paragraphs.map((paragraph) => ({ paragraph })),
    button: { label: 'Your waitlist page', href: link },
  })
  return {
    from: { name: settings.clinicName, email: settings.from },
    to: job.entry.email,
    replyTo: settings.clinicEmail,
    subject,
    ...email,
  }
}
