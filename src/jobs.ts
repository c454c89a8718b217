/**
 * What the queue consumers, the crons and the email handler run. src/worker.ts loads this module by
 * `import()` on an isolate's first queue batch, cron run or incoming email, so an isolate that
 * only answers pages never evaluates it.
 */
import { publishDueArticles } from './features/articles'
import {
  bookingMessages,
  dispatchDueReminders,
  expireUnansweredRequests,
  isBusyCalendarMinute,
  offerFreedTimes,
  receivePatientEmail,
  refreshPractitionerCalendar,
  summarizeDigestRequests,
} from './features/bookings/jobs'
import { readRetentionPolicy } from './features/inbox'
import { deleteExpiredInboxSearches, fillMissingSearchKeys, purgeExpiredRequests } from './features/inbox/jobs'
import { summarizeArticleWeek, tidyInsight } from './features/insight/jobs'
import type { DigestSources } from './features/notifications'
import { queueNames, readNotifySettings } from './features/notifications'
import {
  deliverNotifications,
  forgetAcknowledgements,
  isDigestHour,
  recordDeadLetters,
  sendDailyDigest,
  sweepPendingNotifications,
} from './features/notifications/jobs'
import { currentSettings } from './features/settings'
import { createDb } from './platform/database'

/** The notify queue's consumer, with bookings' messages, and the dead-letter queue's. */
export function consumeQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === queueNames.notify) return deliverNotifications(batch, env, bookingMessages)
  if (batch.queue === queueNames.deadLetter) return recordDeadLetters(batch, env)
  // Throwing (not acking) keeps the messages: a renamed queue is a deploy mistake to fix, not data to drop.
  throw new Error(`no consumer for queue "${batch.queue}"`)
}

export { receivePatientEmail }

/** The digest's figures: the day's requests from bookings, last week's articles from insight. */
const digestSources: DigestSources = { summarizeRequests: summarizeDigestRequests, summarizeArticleWeek }

/**
 * The retention purge, expired inbox searches, a page of missing search keys,
 * acknowledgement claims older than two days, bookings left unanswered too
 * long, finished days of page counts rolled up and, once a day, the digest. Each runs whatever befalls the others (a
 * failed purge must not cost the day's digest), and any failure is rethrown
 * afterwards so the cron run still shows as failed.
 */
export async function runHourlyJobs(env: Env, now: Date): Promise<void> {
  // Hourly keeps the purge within an hour of each request's retention limit.
  const purge = async () => {
    await purgeExpiredRequests(createDb(env.DB), { now, policy: readRetentionPolicy(env) })
  }
  const digest = async () => {
    if (isDigestHour(now, readNotifySettings(env))) await sendDailyDigest(env, now, digestSources)
  }
  const expireSearches = async () => {
    await deleteExpiredInboxSearches(createDb(env.DB), now)
  }
  const fillSearchKeys = async () => {
    await fillMissingSearchKeys(createDb(env.DB))
  }
  const forgetAcknowledged = async () => {
    await forgetAcknowledgements(createDb(env.DB), now)
  }
  const expireRequests = async () => {
    await expireUnansweredRequests(env, now)
  }
  const tidyCounts = async () => {
    await tidyInsight(createDb(env.DB), now, currentSettings().timeZone)
  }
  await settleJobs([purge(), digest(), expireSearches(), fillSearchKeys(), forgetAcknowledged(), expireRequests(), tidyCounts()], 'hourly')
}

/**
 * The outbox sweep, the dispatch of due reminders, the publication of due
 * articles, the waitlist's offers of freed times and, on the quarter hours, the read of the practitioner's own
 * calendar, each run whatever befalls the others.
 */
export const runFiveMinuteJobs = (env: Env, now: Date): Promise<void> =>
  settleJobs(
    [
      sweepPendingNotifications(env, now),
      dispatchDueReminders(env, now),
      publishDueArticles(createDb(env.DB), now),
      offerFreedTimes(env, now),
      ...(isBusyCalendarMinute(now) ? [refreshPractitionerCalendar(env, now)] : []),
    ],
    'five-minute',
  )

/** Waits for every job, then rethrows any failure so the cron run still shows as failed. */
async function settleJobs(jobs: Promise<unknown>[], cadence: string): Promise<void> {
  const results = await Promise.allSettled(jobs)
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))
  if (failures.length === 1) throw failures[0]
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} ${cadence} jobs failed`)
}
