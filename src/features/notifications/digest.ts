import { countNoun } from '../../platform/count-noun'
import { createDb, type Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { addDays, weekdayOf, zonedDate, zonedHour } from '../../platform/time-zone'
import { currentSettings } from '../settings'
import { composeDigest, type DigestFigures } from './digest-content'
import type { DigestSources } from './digest-sources'
import { sendEmail } from './email'
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
