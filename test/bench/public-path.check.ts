/**
 * `node --test test/bench/public-path.check.ts` (part of `npm test`): what a
 * public page's isolate evaluates. It runs in Node, not in the Workers test
 * pool, since it builds the bundle with wrangler's esbuild.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { analysePublicPath, type PublicPath, packageOf } from './public-path.ts'
import { resolveTools } from './tools.ts'

/** Packages only the inbox, one cron job or the email handler uses: the editor's diff, the export's zip, Access's JWTs, the calendar read, YAML, the patients' emails' parser. */
const inboxOnlyPackages = ['diff', 'fflate', 'jose', 'ical.js', 'js-yaml', 'postal-mime']

let path: PublicPath
before(async () => {
  path = await analysePublicPath(resolveTools().esbuild.entry)
})

describe('what a public page evaluates (the bundle as wrangler builds it, split at each import())', () => {
  it('a new isolate evaluates the page caches; the public app, loaded on a page no cache holds, and the inbox are in the bundle, loaded on demand', () => {
    assert.equal('src/public-pages.ts' in path.evaluated, true)
    assert.equal('src/platform/page-cache.ts' in path.evaluated, true)
    assert.equal('src/app.tsx' in path.evaluated, false)
    assert.equal('src/app.tsx' in path.lazy, true)
    assert.equal('src/features/site/http/pages.tsx' in path.lazy, true)
    for (const onlyWithTheApp of [
      'src/features/site/http/pages.tsx',
      'src/features/articles/http/articles.tsx',
      'src/features/bookings/http/book.tsx',
      'src/ui/Layout.tsx',
    ]) {
      assert.equal(onlyWithTheApp in path.evaluated, false, `${onlyWithTheApp} is evaluated by a new isolate before its first request`)
    }
    // The settings (and zod with their schemas) are read by the first render, never by a page a cache answers.
    assert.equal('src/features/settings/sections.ts' in path.evaluated, false)
    assert.deepEqual(
      Object.keys(path.evaluated).filter((input) => packageOf(input) === 'zod'),
      [],
    )
    // Views are written by a store the counter loads on its first write.
    assert.equal('src/features/insight/store/insight-counts.ts' in path.evaluated, false)
    assert.equal('src/admin-app.tsx' in path.evaluated, false)
    assert.equal('src/admin-app.tsx' in path.lazy, true)
  })

  it("no feature's admin entry, nor any route or view it names, is evaluated by a public page", () => {
    const entries = Object.keys(path.imports).filter((input) => /^src\/features\/[^/]+\/admin\.ts$/.test(input))
    assert.deepEqual(entries.sort(), [
      'src/features/admin-access/admin.ts',
      'src/features/articles/admin.ts',
      'src/features/bookings/admin.ts',
      'src/features/inbox/admin.ts',
      'src/features/insight/admin.ts',
      'src/features/settings/admin.ts',
    ])
    // Its stores and helpers may be shared with a cron job or a public page (the sign-in cookies); its routes and pages are the inbox's alone.
    const named = entries.flatMap((entry) => [entry, ...(path.imports[entry] ?? []).filter((input) => /\/(http|views)\//.test(input))])
    assert.ok(named.length > entries.length + 10)
    assert.deepEqual(
      named.filter((input) => input in path.evaluated),
      [],
    )
  })

  it("the queue consumers' and the cron jobs' code is in the bundle, loaded on demand, never by a public page", () => {
    const jobModules = [
      'src/jobs.ts',
      'src/features/bookings/jobs.ts',
      'src/features/bookings/busy-calendar/read.ts',
      'src/features/bookings/incoming/receive.ts',
      'src/features/bookings/incoming/read-reply.ts',
      'src/features/inbox/jobs.ts',
      'src/features/inbox/store/erasure.ts',
      'src/features/insight/jobs.ts',
      'src/features/insight/retention.ts',
      'src/features/notifications/jobs.ts',
      'src/features/notifications/consumer.ts',
      'src/features/notifications/dead-letter.ts',
      'src/features/notifications/digest.ts',
      'src/features/notifications/sweep.ts',
    ]
    // Every email and webhook text and every transport: only the consumer and the digest send them.
    const senders = [...Object.keys(path.evaluated), ...Object.keys(path.lazy)].filter((input) =>
      /^src\/features\/(bookings\/messages|notifications\/transports)\//.test(input),
    )
    assert.deepEqual(
      [...jobModules, ...senders].filter((input) => input in path.evaluated),
      [],
    )
    assert.ok(senders.length >= 8)
    assert.deepEqual(
      jobModules.filter((input) => !(input in path.lazy)),
      [],
    )
  })

  it("phone numbers' metadata is loaded on demand, by a form's POST or the inbox, never by a public page", () => {
    const evaluatedPackages = new Set(Object.keys(path.evaluated).map(packageOf))
    assert.equal('src/platform/phone.ts' in path.evaluated, false)
    assert.equal('src/platform/phone.ts' in path.lazy, true)
    assert.equal(evaluatedPackages.has('libphonenumber-js'), false)
  })

  it('the packages only the inbox or a cron job uses are not evaluated by a public page', () => {
    const evaluatedPackages = new Set(Object.keys(path.evaluated).map(packageOf))
    assert.deepEqual(
      inboxOnlyPackages.filter((name) => evaluatedPackages.has(name)),
      [],
    )
  })
})
