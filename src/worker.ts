import { app, freshness, pages } from './app'
import { accessCookie, uncountedCookie } from './features/admin-access'
import { publishDueArticles } from './features/articles'
import {
  bookingMessages,
  dispatchDueReminders,
  expireUnansweredRequests,
  isBusyCalendarMinute,
  offerFreedTimes,
  refreshPractitionerCalendar,
  summarizeDigestRequests,
} from './features/bookings'
import { deleteExpiredInboxSearches, fillMissingSearchKeys, purgeExpiredRequests, readRetentionPolicy } from './features/inbox'
import { createViewCounter, summarizeArticleWeek, tidyInsight } from './features/insight'
import {
  type DigestSources,
  deliverNotifications,
  forgetAcknowledgements,
  isDigestHour,
  queueNames,
  readNotifySettings,
  recordDeadLetters,
  sendDailyDigest,
  sweepPendingNotifications,
} from './features/notifications'
import { currentSettings, refreshSettings } from './features/settings'
import { createDb, readPublicPagesFrom } from './platform/database'
import { readContentVersionAt } from './platform/site-state'

/** Cron expressions as in wrangler.toml's [triggers]: the outbox sweep, due reminders and the practitioner's calendar, and the hourly retention purge and digest. */
export const crons = { sweep: '*/5 * * * *', hourly: '0 * * * *' } as const

/** Views of public pages, gathered in this isolate and written every few seconds. */
export const views = createViewCounter({ uncountedCookies: [uncountedCookie, accessCookie] })

/** The digest's figures: the day's requests from bookings, last week's articles from insight. */
const digestSources: DigestSources = { summarizeRequests: summarizeDigestRequests, summarizeArticleWeek }

/**
 * The retention purge, expired inbox searches, a page of missing search keys,
 * acknowledgement claims older than two days, bookings left unanswered too
 * long, finished days of page counts rolled up and, once a day, the digest. Each runs whatever befalls the others (a
 * failed purge must not cost the day's digest), and any failure is rethrown
 * afterwards so the cron run still shows as failed.
 */
async function runHourlyJobs(env: Env, now: Date): Promise<void> {
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
const runFiveMinuteJobs = (env: Env, now: Date): Promise<void> =>
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

/** Runs `handle` once this isolate's copy of the practice's settings is at most `maxAgeMs` old. */
async function withCurrentSettings(env: Env, handle: () => Response | Promise<Response>): Promise<Response> {
  await refreshSettings(createDb(env.DB), env, Date.now())
  return handle()
}

/**
 * Reads the content version; public reads then start from its bookmark, and a
 * moved version first brings the settings up to date, so no page is rendered
 * under the new version with the settings from before it.
 */
async function readVersion(env: Env, now: number): Promise<number> {
  const { version, bookmark } = await readContentVersionAt(env.DB)
  readPublicPagesFrom(bookmark)
  if (version !== freshness.version()) await refreshSettings(createDb(env.DB), env, now, true)
  return version
}

/** This isolate's page, else the location's, else the app (which renders from D1 and stores it in both). */
const answer = (request: Request, env: Env, ctx: ExecutionContext, now: number): Response | Promise<Response> =>
  pages.serve(request, now) ??
  pages.serveFromLocation(request, env, now).then((shared) => shared ?? withCurrentSettings(env, () => app.fetch(request, env, ctx)))

/**
 * The answer, fresh within the bound: the version check runs after the answer
 * while the last reading is recent, and before it once that reading is older
 * than the freshness bound (an idle isolate). The bench's uncounted Worker calls it too.
 */
export function answerFresh(request: Request, env: Env, ctx: ExecutionContext, now: number): Response | Promise<Response> {
  const check = freshness.check(now, () => readVersion(env, now))
  if (!check?.overdue) {
    if (check) ctx.waitUntil(check.reading)
    return answer(request, env, ctx, now)
  }
  return check.reading.then(() => answer(request, env, ctx, now))
}

export default {
  // Every answer is counted, once it is known, after it is sent.
  fetch(request, env, ctx) {
    const now = Date.now()
    const answered = answerFresh(request, env, ctx, now)
    views.count(request, answered, {
      db: createDb(env.DB),
      now: new Date(now),
      timeZone: currentSettings().timeZone,
      readerSecret: env.READER_HASH_SECRET,
      waitUntil: (work) => ctx.waitUntil(work),
    })
    return answered
  },

  async queue(batch, env) {
    await refreshSettings(createDb(env.DB), env, Date.now())
    if (batch.queue === queueNames.notify) return deliverNotifications(batch, env, bookingMessages)
    if (batch.queue === queueNames.deadLetter) return recordDeadLetters(batch, env)
    // Throwing (not acking) keeps the messages: a renamed queue is a deploy mistake to fix, not data to drop.
    throw new Error(`no consumer for queue "${batch.queue}"`)
  },

  async scheduled(controller, env) {
    await refreshSettings(createDb(env.DB), env, Date.now())
    const now = new Date(controller.scheduledTime)
    if (controller.cron === crons.sweep) {
      await runFiveMinuteJobs(env, now)
    } else if (controller.cron === crons.hourly) {
      await runHourlyJobs(env, now)
    } else {
      throw new Error(`no job for cron "${controller.cron}"`)
    }
  },
} satisfies ExportedHandler<Env, unknown>
