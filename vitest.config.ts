import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { configDefaults, defineConfig, type Plugin } from 'vitest/config'
import { hashPassword } from './src/features/admin-access/password'

/** Mirrors wrangler.toml's `Text` rule so articles import the same way in tests. */
const markdownAsText = (): Plugin => ({
  name: 'markdown-as-text',
  transform(source, id) {
    if (id.endsWith('.md')) return { code: `export default ${JSON.stringify(source)}`, map: null }
  },
})

/** The inbox password tests sign in with (never the published example one). */
export const testAdminPassword = 'test-admin-password-0123'

/** The repository's article files by name, imported into D1 before each test file as `npm run dev` does. */
const articleFiles = Object.fromEntries(
  readdirSync('src/features/articles/content')
    .filter((name) => name.endsWith('.md'))
    .map((name) => [name, readFileSync(`src/features/articles/content/${name}`, 'utf8')]),
)

const stylesheetHash = createHash('sha256').update(readFileSync('static/site.css')).digest('hex').slice(0, 8)

/**
 * Files that run in a runtime of their own, as every file did before: the rest
 * share one per worker (below). Each needs what only a fresh runtime gives.
 */
const ownRuntime = [
  // They move the clock through the Worker (past the freshness interval, or days
  // ahead): the isolate's settings copy and freshness check then hold instants in
  // the future, which only a fresh isolate forgets.
  'test/features/site/http/home-time-off.test.ts',
  'test/features/articles/http/articles.test.ts',
  'test/features/settings/http/settings-public.test.ts',
  'test/platform/freshness.test.ts',
  'test/platform/page-layers.test.ts',
  // They save settings through the inbox and leave them saved, or start from
  // sections never saved: the shared runtime keeps the settings as they ship.
  'test/features/settings/current.test.ts',
  'test/features/settings/http/admin-settings.test.ts',
  'test/features/settings/http/admin-settings-history.test.ts',
  'test/features/settings/http/admin-settings-refusals.test.ts',
  'test/features/settings/http/admin-settings-scheduling.test.ts',
  // They assert over whole tables (the retention purge's count, the sweep's and
  // the digest's batches, feeds, view counts, the inbox list and its export), so
  // another file's rows change the answer.
  'test/features/inbox/store/erasure.test.ts',
  'test/features/notifications/sweep-limit.test.ts',
  'test/features/notifications/digest-limit.test.ts',
  'test/features/articles/http/feeds.test.ts',
  'test/features/site/http/pages.test.ts',
  'test/features/insight/http/admin-insight.test.ts',
  // It asserts what the Worker's one view counter (module-wide, fed by every file's requests) holds and writes.
  'test/features/insight/worker-counting.test.ts',
  'test/features/insight/store/insight-report.test.ts',
  'test/features/inbox/http/admin-inbox.test.ts',
  // It counts every table's rows around the email previews, to show that opening them writes nothing.
  'test/features/bookings/http/email-previews.test.ts',
  'test/features/inbox/http/admin-export.test.ts',
  'test/features/notifications/digest.test.ts',
  // They follow one outbox row through the five-minute sweep, which another
  // file's cron run, at any instant, would hand to its own queue first.
  'test/features/bookings/http/waitlist-offers.test.ts',
  // They book fixed clinic times, which another file's appointments may already hold.
  'test/features/bookings/http/manage-choose.test.ts',
  'test/features/bookings/http/manage-page.test.ts',
  'test/features/bookings/http/admin-appointments-refusals.test.ts',
  'test/features/bookings/http/admin-appointments.test.ts',
  'test/features/notifications/transport-resend.test.ts',
]

export default defineConfig({
  plugins: [
    markdownAsText(),
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          FORM_SECRET: 'test-form-secret-0123456789abcdef',
          TURNSTILE_SECRET_KEY: '',
          // Empty URL: the webhook channel is off unless a test turns it on through its env.
          NOTIFY_WEBHOOK_URL: '',
          NOTIFY_WEBHOOK_SECRET: 'test-webhook-secret-0123456789abcdef',
          // Empty, as in a deployment that never set it: tests that send through Resend set their own.
          RESEND_API_KEY: '',
          ADMIN_PASSWORD_HASH: await hashPassword(testAdminPassword),
          SESSION_SECRET: 'test-session-secret-0123456789abcdef',
          READER_HASH_SECRET: 'test-reader-hash-secret-0123456789abcdef',
          ACCESS_TEAM_DOMAIN: '',
          ACCESS_AUD: '',
          TEST_ADMIN_PASSWORD: testAdminPassword,
          TEST_EXAMPLE_DEV_VARS: readFileSync('.dev.vars.example', 'utf8'),
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          TEST_ARTICLE_FILES: articleFiles,
          TEST_STYLESHEET_HASH: stylesheetHash,
          TEST_STATIC_HEADERS: readFileSync('static/_headers', 'utf8'),
          TEST_WRANGLER_TOML: readFileSync('wrangler.toml', 'utf8'),
          TEST_DEV_SCRIPT: (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { dev: string } }).scripts.dev,
        },
        // Tests run the queue consumer themselves (createMessageBatch, getQueueResult).
        // The producer binding stays real but points at a queue nobody consumes, so
        // miniflare does not also deliver in the background and race the assertions.
        queueProducers: { NOTIFY_QUEUE: { queueName: 'clinic-notifications-unconsumed-in-tests' } },
      },
    })),
  ],
  test: {
    setupFiles: ['./test/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared-runtime',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...ownRuntime],
          // One runtime per worker for all its files: the runtime, the module
          // transforms and the migrations are paid once instead of per file.
          // Files keep apart by construction: their own rows, their own client
          // address and rate limiter allowances (test/helpers/http.ts).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-runtime', include: ownRuntime } },
    ],
  },
})
