import { zonedDate } from '../../platform/time-zone'
import { describeCalendarFallback } from '../../ui/CalendarFallbackNotice'
import { inboxLink, type NotificationContent } from './content'
import type { DigestRequestFigures } from './digest-sources'
import { type EmailBlock, emailClinicOf, renderEmail } from './email-layout'
import { formatInstantWithZone } from './format'
import type { NotifySettings } from './settings'
import type { countDeliveries } from './store/digest'

/** What the digest reports: the bookings' figures and the notifications' deliveries. */
export type DigestFigures = DigestRequestFigures & { notifications: Awaited<ReturnType<typeof countDeliveries>> }

/**
 * The digest: figures and references only (no names, no health details). It is
 * sent even on a quiet day, so a day without one tells the practitioner that
 * notifications have stopped.
 */
export async function composeDigest(
  figures: DigestFigures,
  now: Date,
  settings: NotifySettings,
  expiryOn: boolean,
  weekly: string[],
): Promise<NotificationContent> {
  const { sent, failed, pending, unknown } = figures.notifications
  // Like a failure, a send the provider never answered waits for the practitioner, so it is in the subject too.
  const unsure = unknown > 0 ? `, ${unknown} may have been sent` : ''
  const { received, booked } = figures
  const arrived = received.booking + received.contact + booked.direct + booked.waitlist
  const subject = `Daily summary for ${zonedDate(now, settings.timeZone)}: ${arrived} new, ${failed} failed${unsure}`
  const lines = [
    ...(figures.calendarFallback ? [describeCalendarFallback(figures.calendarFallback, formatInstantWithZone)] : []),
    `Requests received in the last 24 hours: ${received.booking} booking, ${received.contact} contact.`,
    `Bookings taken in the last 24 hours without a request: ${booked.direct} booked directly, ${booked.waitlist} from the waitlist.`,
    `Their notifications: ${sent} delivered, ${failed} failed, ${unknown} may have been sent, ${pending} pending.`,
    ...(failed > 0 ? ['Failed notifications can be resent from the inbox.'] : []),
    ...(unknown > 0
      ? ['The email service never answered for those that may have been sent: check whether they arrived before resending them from the inbox.']
      : []),
    `Open requests older than two days: ${figures.openOlderTotal}.`,
    ...weekly,
  ]
  const open = figures.openOlder.map((request) => ({
    line: `${request.reference}, ${request.kind}, received ${formatInstantWithZone(request.createdAt)}`,
    link: inboxLink(request.id, settings),
  }))
  const more = figures.openOlderTotal > open.length ? [`…and ${figures.openOlderTotal - open.length} more.`] : []
  // References and times only, like the rest: the inbox link shows who.
  const expiring = figures.expiringSoon.map((request) => ({
    line: `${request.reference}, expires ${formatInstantWithZone(request.expiresAt)}`,
    link: inboxLink(request.id, settings),
  }))
  const expiringHeading = expiryOn ? [`Booking requests that expire within a day unless answered: ${figures.expiringSoonTotal}.`] : []
  const expiringMore = figures.expiringSoonTotal > expiring.length ? [`…and ${figures.expiringSoonTotal - expiring.length} more.`] : []
  const list = (items: typeof open): EmailBlock[] => (items.length > 0 ? [{ list: items.map((item) => ({ text: item.line, href: item.link })) }] : [])
  const paragraphs = (words: string[]): EmailBlock[] => words.map((paragraph) => ({ paragraph }))
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: subject,
    blocks: [
      ...paragraphs(lines),
      ...list(open),
      ...paragraphs(more),
      ...(expiryOn ? [...paragraphs(expiringHeading), ...list(expiring), ...paragraphs(expiringMore)] : []),
    ],
    button: { label: 'Open the inbox', href: new URL('/admin', settings.siteUrl).toString() },
  })
  return { subject, ...email }
}
