import { defaultPractice } from './config'
import { accessCookie, uncountedCookie } from './features/admin-access'
import { createViewCounter } from './features/insight'
import { createDb, readPublicPagesFrom } from './platform/database'
import { readContentVersionAt } from './platform/site-state'
import { freshness, pages } from './public-pages'

/** Cron expressions as in wrangler.toml's [triggers]: the outbox sweep, due reminders and the practitioner's calendar, and the hourly retention purge and digest. */
export const crons = { sweep: '*/5 * * * *', hourly: '0 * * * *' } as const

/** Views of public pages, gathered in this isolate and written every few seconds. */
export const views = createViewCounter({ uncountedCookies: [uncountedCookie, accessCookie] })

/**
 * The settings' module, loaded with the app by the first request no cache
 * answers (or by a queue batch, cron run or email): a request a cache answers
 * needs no setting, so it never evaluates their schemas.
 */
let settingsModule: Promise<typeof import('./features/settings')> | undefined
const loadSettings = () => {
  settingsModule ??= import('./features/settings')
  return settingsModule
}

/** Brings this isolate's copy of the practice's settings up to date once it is older than its bound. */
async function refreshSettingsCopy(env: Env, now: number): Promise<void> {
  await (await loadSettings()).refreshSettings(createDb(env.DB), env, now)
}

/** Runs `handle` once this isolate's copy of the practice's settings is current. */
async function withCurrentSettings(env: Env, handle: () => Response | Promise<Response>): Promise<Response> {
  await refreshSettingsCopy(env, Date.now())
  return handle()
}

/**
 * Reads the content version; public reads then start from its bookmark, and a
 * moved version first brings the settings up to date, so no page is rendered
 * under the new version with the settings from before it. Only a copy already
 * read can be behind: an isolate that has not loaded the settings reads them
 * on its first render, after this reading.
 */
async function readVersion(env: Env, now: number): Promise<number> {
  const { version, bookmark } = await readContentVersionAt(env.DB)
  readPublicPagesFrom(bookmark)
  if (version !== freshness.version() && settingsModule) await (await settingsModule).refreshSettings(createDb(env.DB), env, now, true)
  return version
}

/**
 * This isolate's page, else the location's, else the app (which renders from D1
 * and stores it in both). The app, its routes and their schemas are loaded on
 * the first request a cache does not answer, so a new isolate answering a
 * cached page never evaluates them.
 */
const answer = (request: Request, env: Env, ctx: ExecutionContext, now: number): Response | Promise<Response> =>
  pages.serve(request, now) ??
  pages
    .serveFromLocation(request, env, now)
    .then((shared) => shared ?? withCurrentSettings(env, async () => (await import('./app')).app.fetch(request, env, ctx)))

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
      // Only a view that opens a write needs the database client.
      get db() {
        return createDb(env.DB)
      },
      now,
      // The deployment's zone: the settings never change it.
      timeZone: defaultPractice.timeZone,
      readerSecret: env.READER_HASH_SECRET,
      waitUntil: (work) => ctx.waitUntil(work),
    })
    return answered
  },

  // The consumers', the crons' and the email handler's code (src/jobs.ts) is loaded on first use, so an isolate answering pages never evaluates it.
  async queue(batch, env) {
    await refreshSettingsCopy(env, Date.now())
    return (await import('./jobs')).consumeQueueBatch(batch, env)
  },

  async scheduled(controller, env) {
    await refreshSettingsCopy(env, Date.now())
    const now = new Date(controller.scheduledTime)
    if (controller.cron === crons.sweep) {
      await (await import('./jobs')).runFiveMinuteJobs(env, now)
    } else if (controller.cron === crons.hourly) {
      await (await import('./jobs')).runHourlyJobs(env, now)
    } else {
      throw new Error(`no job for cron "${controller.cron}"`)
    }
  },

  // A patient's reply by email, handed over by Email Routing (README: Replies by email).
  async email(message, env) {
    await refreshSettingsCopy(env, Date.now())
    await (await import('./jobs')).receivePatientEmail(message, env, new Date())
  },
} satisfies ExportedHandler<Env, unknown>
