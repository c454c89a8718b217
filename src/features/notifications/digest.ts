import { countNoun } from '../../platform/count-noun'
import { createDb, type Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { addDays, weekdayOf, zonedDate, zonedHour } from '../../platform/time-zone'
import { describeCalendarFallback } from '../../ui/CalendarFallbackNotice'
import { currentSettings } from '../settings'
import { inboxLink, type NotificationContent } from './content'
import type { DigestRequestFigures, DigestSources } from './digest-sources'
import { sendEmail } from './email'
import { type EmailBlock, emailClinicOf, renderEmail } from './email-layout'
import { formatInstantWithZone } from './format'
import { type NotifySettings, readNotifySettings } from './settings'
import { countDeliveries } from './store/digest'
import { chooseEmailTransport } from './transports/choose'
import { postWebhook } from './webhook'

const hourMs = 60 * 60 * 1000
const dayMs = 24 * hourMs
/** A request still "new" after this long is listed as waiting. */
const openRequestAgeMs = 2 * dayMs
/** The weekly line names this many articles and counts the rest. */
const weeklyArticles = 5
const viewNoun = { one: 'view', other: 'views' }
const requestNoun = { one: 'request', other: 'requests' }

type DigestFigures = DigestRequestFigures & { notifications: Awaited<ReturnType<typeof countDeliveries>> }

/**
 * Whether the hourly run at `now` is the one that sends the digest: the first
 * since the clinic's wall clock passed DIGEST_HOUR:00, i.e. that boundary lies
 * in (now - 1 h, now]. Matching the local hour alone would send twice when
 * clocks go back (the hour repeats) and never when they go forward over it.
 *
 * @example isDigestHour(new Date('2027-03-14T10:00:00Z'), { digestHour: 2, timeZone: 'America/Los_Angeles' }) // true: 03:00 PDT, 02:00 was skipped
 */
export function isDigestHour(now: Date, settings: Pick<NotifySettings, 'digestHour' | 'timeZone'>): boolean {
  const hourAgo = new Date(now.getTime() - hourMs)
  const crossedMidnight = zonedDate(hourAgo, settings.timeZone) < zonedDate(now, settings.timeZone)
  return zonedHour(now, settings.timeZone) >= settings.digestHour && (crossedMidnight || zonedHour(hourAgo, settings.timeZone) < settings.digestHour)
}

/**
 * The digest: figures and references only (no names, no health details). It is
 * sent even on a quiet day, so a day without one tells the practitioner that
 * notifications have stopped.
 */
async function composeDigest(figures: DigestFigures, now: Date, settings: NotifySettings, expiryOn: boolean, weekly: string[]): Promise<NotificationContent> {
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

/** On Monday, the first digest of the clinic week: last week's views and requests per article. Other days: nothing. */
async function describeLastWeek(
  db: Db,
  sources: DigestSources,
  now: Date,
  { timeZone, locale }: Pick<NotifySettings, 'timeZone' | 'locale'>,
): Promise<string[]> {
  const today = zonedDate(now, timeZone)
  if (weekdayOf(today) !== 'Mo') return []
  const week = await sources.summarizeArticleWeek(db, { weekStart: addDays(today, -7), timeZone })
  const named = week
    .slice(0, weeklyArticles)
    .map((row) => `${row.title} ${countNoun(row.views, viewNoun, locale)}, ${countNoun(row.requests, requestNoun, locale)}`)
  const more = week.length > weeklyArticles ? `, and ${week.length - weeklyArticles} more` : ''
  return [week.length === 0 ? 'Last week no article was read or brought a request.' : `Articles last week: ${named.join('; ')}${more}.`]
}

/**
 * Sends the daily digest by email and, when configured, to the webhook, with
 * figures from `sources`. A failed channel fails the scheduled run (visible in
 * the Worker's logs) after the other channel has had its try.
 */
export async function sendDailyDigest(env: Env, now: Date, sources: DigestSources): Promise<void> {
  const settings = readNotifySettings(env)
  const { expiryHours } = currentSettings().policy
  const db = createDb(env.DB)
  const since = new Date(now.getTime() - dayMs)
  const [requests, notifications] = await Promise.all([
    sources.summarizeRequests(db, {
      since,
      until: now,
      openBefore: new Date(now.getTime() - openRequestAgeMs),
      expiring: expiryHours > 0 ? { waitMs: expiryHours * hourMs, from: now, until: new Date(now.getTime() + dayMs) } : undefined,
    }),
    countDeliveries(db, { since, until: now }),
  ])
  const figures: DigestFigures = { ...requests, notifications }
  const content = await composeDigest(figures, now, settings, expiryHours > 0, await describeLastWeek(db, sources, now, settings))
  const sends: Promise<unknown>[] = []
  // One digest a clinic day: its date keys the email (Resend sends a repeat within 24 hours once) and names the webhook delivery.
  const deliveryId = `digest-${zonedDate(now, settings.timeZone)}`
  if (settings.to) {
    if (!settings.from) throw new Error('NOTIFY_FROM is not set')
    sends.push(
      sendEmail(chooseEmailTransport(env.EMAIL, settings, deliveryId), {
        from: { name: settings.clinicName, email: settings.from },
        to: settings.to,
        ...content,
      }),
    )
  }
  if (settings.webhook) {
    const payload = { text: `${content.subject}\n${content.text}`, event: 'digest', figures }
    sends.push(postWebhook(settings.webhook, payload, deliveryId, now))
  }
  const failures = (await Promise.allSettled(sends)).flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))
  logEvent(failures.length > 0 ? 'error' : 'info', 'digest_sent', { channels: sends.length, failures: failures.map(describeError) })
  if (failures.length > 0) throw new AggregateError(failures, 'the daily digest did not go out on every channel')
}
