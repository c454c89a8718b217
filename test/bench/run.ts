/**
 * npm run bench: bundle size, what a public page's isolate evaluates, the CPU time of one free-times computation over
 * 60 days, the patient's /book week page read from D1, the article's first view with its articles in
 * D1, the Worker's start-up against the constant Worker's, the article page's throughput, latency and CPU per
 * request from each cache layer against a constant-string Worker, the local Cache API alone and the same page as a
 * file from workerd's disk service, and the form POSTs against a bare Worker
 * doing the same write and rate-limit calls, all on 127.0.0.1.
 * A report, not a test: missed goals still exit 0; anything that fails to
 * run exits 1.
 */
import { cpus } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Bundle, buildEntryBundle, buildRenderBundle, buildSiteBundle, readCompatibility, writeConstantBundle } from './bundle.ts'
import { measureFreeTimes } from './free-times.ts'
import { header } from './http.ts'
import { type LoadOptions, measureRounds, median, type Sample, summarize } from './load.ts'
import { cleanup, installCleanupHandlers, makeTempDir } from './processes.ts'
import { analysePublicPath, groupInputs, type PublicPath } from './public-path.ts'
import { heading, integer, kilobytes, line, micros, ms, paragraph, printGoals, ratio, table, verdict } from './report.ts'
import { cpuNote, printReadResults, printWriteResults } from './results.ts'
import { schedule } from './schedule-data.ts'
import { type BenchTarget, startServers } from './servers.ts'
import { measureStartups } from './startup.ts'
import { fromRoot, resolveTools, type Tools } from './tools.ts'
import { startWriteTargets } from './writes.ts'

const articlePath = '/articles/low-back-pain-relief-acupuncture'
// Three interleaved rounds each; short enough for the whole run to stay near two minutes.
const readLoad: LoadOptions = { connections: 10, warmupSeconds: 1, seconds: 3, rounds: 3 }
const writeLoad: LoadOptions = { connections: 10, warmupSeconds: 1, seconds: 3, rounds: 3 }
const startupSpawns = 5
const goals = { gzipBytes: 150_000, startupRatio: 3 }

async function main(): Promise<void> {
  const started = performance.now()
  const tools = resolveTools()
  const compatibility = readCompatibility()
  const tmp = makeTempDir('clinic-bench-')
  printHeader(tools)

  heading('Bundle: wrangler deploy --dry-run')
  const [site, render, uncounted, batches, location, freeTimes] = await Promise.all([
    buildSiteBundle(tools, join(tmp, 'site')),
    buildRenderBundle(tools, join(tmp, 'render')),
    buildEntryBundle(tools, join(tmp, 'uncounted'), 'uncounted-entry.tsx'),
    buildEntryBundle(tools, join(tmp, 'batches'), 'batches-entry.tsx'),
    buildEntryBundle(tools, join(tmp, 'location'), 'location-entry.tsx'),
    buildEntryBundle(tools, join(tmp, 'free-times'), 'free-times-entry.tsx'),
  ])
  const mainModule = site.modules[0]
  if (!mainModule) throw new Error('the site bundle has no modules')
  printBundle(site)
  printPublicPath(await analysePublicPath(tools.esbuild.entry))

  heading(
    `Free times: listFreeStarts of one ${schedule.durationMinutes}-minute treatment over ${schedule.days} days, ${schedule.appointments} appointments, ` +
      `${schedule.busyBlocks} busy blocks, starts every ${schedule.stepMinutes} minutes`,
  )
  const free = await measureFreeTimes(freeTimes)
  line(
    `${micros(free.cpuMicros)} of CPU per computation (${micros(free.wallMicros)} wall), ${integer(free.runs)} runs in Node from its esbuild bundle; ` +
      `${integer(free.starts)} free starts found`,
  )

  const { targets, article, firstViewMs, countedWrites } = await startServers(
    tools,
    tmp,
    articlePath,
    { site, render, uncounted, batches, location },
    compatibility,
  )
  heading(`First view: ${articlePath} in a fresh isolate`)
  line(
    `${ms(firstViewMs)}: the site's first request after Miniflare started, its D1 seeded as the import leaves it (reading the article, ` +
      'rendering its Markdown once and storing the HTML, keeping the page)',
  )
  line('every later view with every cache cold is the "pre-rendered HTML" target below: the D1 read and the layout on every request')

  heading(`Start-up: spawning workerd serve until its first 200, ${startupSpawns} times each, interleaved`)
  paragraph(
    "each Worker's main module imported by an entry that answers 200 itself, so the time is the process start, compiling the " +
      "modules and evaluating the main module's top level (what a new isolate does before its first request), and no " +
      'request runs the site, which would need its bindings',
  )
  const constantForStartup = writeConstantBundle(join(tmp, 'startup-constant'), article.body, { 'content-type': header(article, 'content-type') ?? '' })
  const [siteStartup, constantStartup] = await measureStartups(
    tools.workerd.bin,
    tmp,
    [
      { label: 'site Worker', bundle: site },
      { label: 'constant-string Worker', bundle: constantForStartup },
    ],
    compatibility,
    startupSpawns,
  )
  if (!siteStartup || !constantStartup) throw new Error('no start-up figures')
  for (const { label, samples } of [siteStartup, constantStartup]) line(`${label}: ${samples.map(ms).join(', ')}: median ${ms(median(samples))}`)
  const startupRatio = median(siteStartup.samples) / median(constantStartup.samples)
  line(
    `the site's start-up is ${ratio(startupRatio)} the constant Worker's: goal at most ${ratio(goals.startupRatio)}: ${verdict(startupRatio <= goals.startupRatio)}`,
  )

  heading(`Article page: ${integer(article.body.length)} bytes, ${header(article, 'content-type')}`)
  for (const target of targets) paragraph(`${target.label}: ${target.how}`)
  line('every article target answered these exact bytes before the load started; the /book page answered 200')

  const readSummaries = await load(targets, readLoad)
  heading(`Results: median of ${readLoad.rounds} rounds`)
  const readGoals = printReadResults(targets, readSummaries)
  const written = await countedWrites()
  line(
    `view counting: ${integer(written.batches)} D1 batches for ${integer(written.views)} views counted under the load ` +
      `(${(written.views > 0 ? (written.batches * 1000) / written.views : 0).toFixed(2)} per 1,000 views)`,
  )

  // Printed before the write path, so the pages' goals stand even when a form's setup fails.
  heading('Goals: pages')
  printGoals([
    {
      name: 'bundle, main module',
      actual: `${kilobytes(mainModule.gzipBytes)} gzip`,
      wanted: `goal under ${kilobytes(goals.gzipBytes)}`,
      pass: mainModule.gzipBytes < goals.gzipBytes,
    },
    {
      name: 'start-up, spawn to first 200',
      actual: `${ratio(startupRatio)} the constant Worker's (median ${ms(median(siteStartup.samples))} against ${ms(median(constantStartup.samples))})`,
      wanted: `goal <= ${ratio(goals.startupRatio)}`,
      pass: startupRatio <= goals.startupRatio,
    },
    { name: 'first view in a fresh isolate (D1 read, render, store)', actual: ms(firstViewMs), wanted: 'none: reported', pass: true },
    { name: 'listFreeStarts, 60 days', actual: `${micros(free.cpuMicros)} of CPU per computation`, wanted: 'none: reported', pass: true },
    ...readGoals,
  ])

  heading('Write path: valid POST /contact and POST /book (a treatment booked directly, each body its own free start), expecting 303')
  const writes = await startWriteTargets(tools, tmp, site, compatibility)
  paragraph(
    `runtime: ${writes[0]?.runtime ?? ''}. One Miniflare runs both Workers in one workerd, each with its own D1 (the real ` +
      "migrations, Miniflare's local SQLite, not persisted) and queue (sends only, no consumer), the vars of wrangler.toml and the " +
      'secrets of .dev.vars.example. Requests reach each Worker on its own direct socket: no wrangler proxy and no Miniflare entry ' +
      'Worker in the path. Every rate limiter of wrangler.toml is bound, with a limit of a billion a minute so no request is refused ' +
      'with 429; which ones each form calls was found first by limiting one at a time in a separate Miniflare. Turnstile is off, as ' +
      'in .dev.vars.example.',
  )
  for (const target of writes) paragraph(`${target.label}: ${target.how}`)
  line(
    'each Worker stored the same rows (columns, preferred times, outbox rows, history rows, page links) for one request of each form before the load started; ' +
      "the site's booking answered 303 to the patient's page, a time taken directly",
  )
  const writeSummaries = await load(writes, writeLoad)
  heading(`Write results: median of ${writeLoad.rounds} rounds`)
  const writeGoals = printWriteResults(writes, writeSummaries)

  heading('Goals: forms')
  printGoals(writeGoals)

  line()
  line(`whole run ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

function printHeader(tools: Tools): void {
  const runtime = (version: string) => version.replace(/^workerd /, '')
  console.log(`Clinic site benchmark: 127.0.0.1 only, ${process.platform} ${process.arch}, ${cpus().length} CPUs, Node ${tools.node}`)
  line(`wrangler ${tools.wrangler.version}, esbuild ${tools.esbuild.version}, miniflare ${tools.miniflare.version} (as wrangler resolves them)`)
  line(`workerd ${runtime(tools.workerd.runtimeVersion)} (npm ${tools.workerd.version}, ${fromRoot(tools.workerd.dir)}): the one wrangler runs`)
  if (tools.otherWorkerd) {
    line(`not used: node_modules/.bin/workerd is ${runtime(tools.otherWorkerd.runtimeVersion)} (npm ${tools.otherWorkerd.version}), another package's pin`)
  }
}

function printBundle(site: Bundle): void {
  const rows = site.modules.map((module, i) => [
    `${module.name}${i === 0 ? ' (main module)' : ''}`,
    module.type,
    `${integer(module.bytes)} B`,
    `gzip ${integer(module.gzipBytes)} B`,
    kilobytes(module.gzipBytes),
  ])
  if (site.modules.length > 1) {
    const bytes = site.modules.reduce((sum, module) => sum + module.bytes, 0)
    const gzipBytes = site.modules.reduce((sum, module) => sum + module.gzipBytes, 0)
    rows.push([`all ${site.modules.length} modules`, '', `${integer(bytes)} B`, `gzip ${integer(gzipBytes)} B`, kilobytes(gzipBytes)])
  }
  table(rows, new Set([2, 3, 4]))
  const main = site.modules[0]
  if (main) line(`goal: main module under ${kilobytes(goals.gzipBytes)} gzip: ${verdict(main.gzipBytes < goals.gzipBytes)}`)
}

/** What a public page's isolate evaluates at start-up, and what only an import() (the inbox, a cron job's parser) evaluates. */
function printPublicPath(path: PublicPath): void {
  heading('Public path: the same bundle split at each import() (test/bench/public-path.ts)')
  table(
    [
      [
        'evaluated at start-up by every isolate',
        `${integer(path.evaluatedBytes)} B`,
        `gzip ${integer(path.evaluatedGzipBytes)} B`,
        kilobytes(path.evaluatedGzipBytes),
      ],
      [
        'evaluated only on import() (inbox, calendar read, Access)',
        `${integer(path.lazyBytes)} B`,
        `gzip ${integer(path.lazyGzipBytes)} B`,
        kilobytes(path.lazyGzipBytes),
      ],
    ],
    new Set([1, 2, 3]),
  )
  const largest = (inputs: Record<string, number>) =>
    groupInputs(inputs)
      .slice(0, 8)
      .map(([name, bytes]) => `${name} ${kilobytes(bytes)}`)
      .join(', ')
  paragraph(`largest at start-up (minified): ${largest(path.evaluated)}`)
  paragraph(`largest on import(): ${largest(path.lazy)}`)
}

async function load(targets: BenchTarget[], options: LoadOptions): Promise<Map<string, Sample>> {
  heading(
    `Load: autocannon, ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.seconds} s per measurement, ${options.rounds} interleaved rounds`,
  )
  const samples = await measureRounds(targets, options, (round, target, sample) =>
    line(`round ${round + 1}/${options.rounds}  ${target.label.padEnd(38)} ${integer(sample.requestsPerSecond).padStart(7)} req/s  ${cpuNote(sample)}`),
  )
  return new Map(targets.map((target) => [target.id, summarize(samples.get(target.id) ?? [])]))
}

installCleanupHandlers()
let status = 0
try {
  await main()
} catch (error) {
  console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  status = 1
}
await cleanup()
process.exit(status)
