import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import type { Miniflare } from 'miniflare'
import { publicPage } from '../../src/platform/cache-control.ts'
import { bookPath, bookWorker, bookWorkerName, seedBookings } from './book-page.ts'
import { type Bundle, type Compatibility, writeConstantBundle } from './bundle.ts'
import { cacheApiFloorId, writeCacheApiBundle } from './cache-api.ts'
import { batchesDatabase, batchesWorker, countingTargets, readBatchesPerViews } from './counting.ts'
import { childrenNamed } from './cpu.ts'
import { d1ReadFloorId, writeD1ReadBundle } from './d1-read.ts'
import { freePort, get200, type HttpResponse, header } from './http.ts'
import type { Target } from './load.ts'
import { manifest, quietMiniflare } from './miniflare.ts'
import { onCleanup, sleep } from './processes.ts'
import { seedArticles } from './read-db.ts'
import { schedule } from './schedule-data.ts'
import type { Tools } from './tools.ts'
import { readDevVars } from './worker-env.ts'
import { type ServiceSpec, startWorkerd, waitFor200, writeConfig } from './workerd.ts'

export interface BenchTarget extends Target {
  /** How the figure is made, printed before the results. */
  how: string
  /** Goal: at least this share of the baseline's requests/s. */
  minRatio?: number
  /** No goal, but listed among the goals with its ratio (and the one against `alsoComparedWith`). */
  reported?: boolean
  /** The id of the target the goal compares with; the constant-string Worker unless set. */
  baseline?: string
  /** Another target to give a ratio against, for information. */
  alsoComparedWith?: string
  /** Answers a page of its own rather than the article's bytes. */
  otherPage?: boolean
}

/** The baseline the article goals are set against. */
export const baselineId = 'constant'
/** The same Worker sending the site's headers: the floor for any Worker that sends them. */
export const headersFloorId = 'constant-headers'

// Set per connection or per message by the HTTP layer, not by the Worker.
const transportHeaders = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding'])

function workerHeaders(res: HttpResponse): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name of Object.keys(res.headers)) if (!transportHeaders.has(name)) headers[name] = header(res, name) ?? ''
  return headers
}

/** A Worker in the read Miniflare on a direct socket of its own, bound to the articles' D1 (the constant Workers ignore it). */
const readWorker = (name: string, bundle: Bundle, compatibility: Compatibility, database = 'bench-articles') => ({
  config: {
    name,
    compatibilityDate: compatibility.date,
    compatibilityFlags: compatibility.flags,
    manifest: manifest(bundle),
    // The reader key is what a counted view computes in production: without it the site counts views but marks no reader.
    // The deployment's id names the location's cache keys.
    env: {
      DB: { type: 'd1' as const, id: database },
      READER_HASH_SECRET: { type: 'text' as const, value: readDevVars().READER_HASH_SECRET ?? '' },
      CF_VERSION_METADATA: { type: 'version-metadata' as const },
    },
  },
  dev: { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] },
})

export interface ReadServers {
  targets: BenchTarget[]
  /** The article as the site Worker answers it. */
  article: HttpResponse
  /** The site's first view after its D1 was seeded: a fresh isolate reading D1 and rendering. */
  firstViewMs: number
  /** After the load: the D1 batches the counting Worker sent and the views it counted. */
  countedWrites(): Promise<{ batches: number; views: number }>
}

/**
 * One Miniflare (the one wrangler resolves) for every Worker target, each on
 * its own direct socket, the site and the render Worker sharing one D1 with
 * the real migrations and the repository's articles imported; and workerd's
 * disk service answering the page as a file. The article is taken from a
 * first Miniflare with the site alone, since the constant Workers are built
 * from its bytes. Every target is checked to answer the article's exact
 * bytes before any load, so the figures compare like with like.
 */
export async function startServers(
  tools: Tools,
  tmp: string,
  path: string,
  bundles: { site: Bundle; render: Bundle; uncounted: Bundle; batches: Bundle; location: Bundle },
  compatibility: Compatibility,
): Promise<ReadServers> {
  const { Miniflare } = (await import(pathToFileURL(tools.miniflare.entry).href)) as typeof import('miniflare')
  const probe = new Miniflare({ ...quietMiniflare, workers: [readWorker('site', bundles.site, compatibility)] })
  await probe.ready
  await seedArticles(probe, 'site')
  const article = await get200(`${(await probe.unsafeGetDirectURL('site')).origin}${path}`)
  await probe.dispose()

  const page = article.body
  const contentType = header(article, 'content-type') ?? 'text/html; charset=UTF-8'
  const before = new Set(childrenNamed(process.pid, 'workerd'))
  const miniflare = new Miniflare({
    ...quietMiniflare,
    workers: [
      readWorker('site', bundles.site, compatibility),
      readWorker('render', bundles.render, compatibility),
      readWorker('uncounted', bundles.uncounted, compatibility),
      readWorker(locationWorker, bundles.location, compatibility),
      readWorker(batchesWorker, bundles.batches, compatibility, batchesDatabase),
      readWorker('constant', writeConstantBundle(join(tmp, 'constant'), page, { 'content-type': contentType }), compatibility),
      readWorker('constant-headers', writeConstantBundle(join(tmp, 'constant-headers'), page, workerHeaders(article)), compatibility),
      readWorker(cacheApiFloorId, writeCacheApiBundle(join(tmp, cacheApiFloorId), page, workerHeaders(article)), compatibility),
      bookWorker(bundles.site, compatibility),
      readWorker(
        d1ReadFloorId,
        writeD1ReadBundle(join(tmp, d1ReadFloorId), page, workerHeaders(article), path.slice(path.lastIndexOf('/') + 1)),
        compatibility,
      ),
    ],
  })
  onCleanup(() => miniflare.dispose())
  await miniflare.ready
  const pid = childrenNamed(process.pid, 'workerd').find((candidate) => !before.has(candidate))
  await seedArticles(miniflare, 'site')
  await seedArticles(miniflare, batchesWorker)
  await seedBookings(miniflare)
  const url = async (name: string) => `${(await miniflare.unsafeGetDirectURL(name)).origin}${path}`
  const firstViewStarted = performance.now()
  await get200(await url('site'))
  const firstViewMs = performance.now() - firstViewStarted
  await expectStoredRender(miniflare, path)

  // The disk service maps the URL path onto the directory, so the file takes the page's path, extension and all (none).
  const filesDir = join(tmp, 'files')
  const file = join(filesDir, path.slice(1))
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, page)
  const disk: ServiceSpec = { name: 'file', directory: filesDir, port: await freePort() }
  const workerd = startWorkerd(tools.workerd.bin, writeConfig(join(tmp, 'files.capnp'), [disk]))
  onCleanup(() => workerd.stop())
  const fileUrl = `http://127.0.0.1:${disk.port}${path}`
  await waitFor200(fileUrl, workerd)

  const runtime = `Miniflare ${tools.miniflare.version}, direct socket`
  const targets: BenchTarget[] = [
    {
      id: baselineId,
      label: 'constant-string Worker',
      runtime,
      url: await url('constant'),
      serverPid: pid,
      how: 'a few lines answering the same bytes and Content-Type from a module constant: the floor for any Worker',
    },
    {
      id: headersFloorId,
      label: 'constant + the site headers',
      runtime,
      url: await url('constant-headers'),
      serverPid: pid,
      how: `the same, but with the ${Object.keys(workerHeaders(article)).length} headers the site sends (CSP, HSTS, ETag...): the floor for this page`,
    },
    {
      id: 'cached',
      label: 'article (page cache, counting on)',
      runtime,
      url: await url('site'),
      serverPid: pid,
      minRatio: 0.85,
      alsoComparedWith: 'cached-uncounted',
      how:
        'the real bundle with the articles in D1; after the first request the page cache (src/platform/page-cache.ts) answers from ' +
        'isolate memory, before the security headers middleware, with the headers and bytes of the first render; every 5 s one ' +
        'request also reads the content version from D1 after its answer; every request is counted as a view (src/features/insight/), ' +
        "its reader marked with a SipHash, gathered in the isolate and written to D1 in one batch a second after the first, in that view's waitUntil",
    },
    ...(await countingTargets(url, runtime, pid)),
    {
      id: locationWorker,
      label: 'article in a cold isolate, location cache warm',
      runtime,
      url: await url(locationWorker),
      serverPid: pid,
      reported: true,
      alsoComparedWith: cacheApiFloorId,
      how:
        "test/bench/location-entry.tsx: the site's fetch, every view counted, with the isolate's page cache emptied before " +
        "each request, so each one does what a cold isolate's first view of a page does once the location's cache holds it: " +
        'read it from the Cache API (`pages`, keyed by deployment and content version), keep it in memory and answer it. ' +
        'Checked before the load: after the first request stored the page, no request reaches the app',
    },
    {
      id: cacheApiFloorId,
      label: 'local Cache API alone (open + match)',
      runtime,
      url: await url(cacheApiFloorId),
      serverPid: pid,
      reported: true,
      how:
        "test/bench/cache-api.ts: a Worker doing only caches.open('pages') and match() of one key holding the page's bytes " +
        'and headers: what the local Cache API costs by itself. Miniflare runs it as a Durable Object on SQLite in the same ' +
        'workerd, so it says little about the Cache API of a Cloudflare location',
    },
    {
      id: 'uncached',
      label: 'Article read from D1 with every cache cold (pre-rendered HTML)',
      runtime,
      url: await url('render'),
      serverPid: pid,
      minRatio: 0.3,
      alsoComparedWith: d1ReadFloorId,
      how:
        "what a view in an isolate with every cache cold does, on every request: test/bench/render-entry.tsx serves the site's " +
        'article routes with securityHeaders() and no page cache (bundled by esbuild as wrangler would), so each request reads ' +
        "the article's row from D1 and wraps its stored HTML (rendered once, by the site's first view above) in the layout's JSX",
    },
    {
      id: d1ReadFloorId,
      label: 'constant + the site headers + a D1 read',
      runtime,
      url: await url(d1ReadFloorId),
      serverPid: pid,
      how:
        "test/bench/d1-read.ts: the constant Worker with the site's headers that first reads the article's whole row: " +
        "the floor for a page read from D1 on every request, Miniflare's simulated D1 included",
    },
    {
      id: 'book',
      label: '/book week page (D1, every request)',
      runtime,
      url: `${(await miniflare.unsafeGetDirectURL(bookWorkerName)).origin}${bookPath}`,
      serverPid: pid,
      minRatio: 0.3,
      otherPage: true,
      how:
        `GET ${bookPath} on the real bundle, its D1 holding ${schedule.appointments} confirmed appointments and ${schedule.busyBlocks} ` +
        `busy blocks over the next ${schedule.days} days ` +
        "(test/bench/schedule-data.ts): a private page the page cache never keeps, so each request reads the settings, the week's " +
        "appointments and busy blocks from D1, computes the free starts and renders. Its bytes are its own, not the article's",
    },
    {
      id: 'file',
      label: 'file from workerd (disk service)',
      runtime: `workerd serve ${tools.workerd.runtimeVersion.replace(/^workerd /, '')}`,
      url: fileUrl,
      serverPid: workerd.pid,
      how:
        "the same bytes as a file in a directory served by workerd's own disk service, in a workerd of its own: no JavaScript at " +
        'all, so the least workerd can spend on this page (its Content-Type is application/octet-stream, which workerd sets for ' +
        'every file). Not Workers Static Assets, which plain workerd does not have',
    },
  ]

  for (const target of targets) {
    const res = await get200(target.url)
    if (target.otherPage) {
      if (header(res, 'cache-control') === publicPage)
        throw new Error(`${target.label} is answered as a public page: the page cache would keep it, so it would not measure D1`)
      continue
    }
    // Headers differ on purpose (ETag, CSP, asset caching); the body must not.
    if (!res.body.equals(page)) throw new Error(`${target.label} (${target.url}) answers ${res.body.length} bytes that differ from the site Worker's page`)
  }
  await expectLocationHits(await url(locationWorker))
  await expectCacheHit(await url(cacheApiFloorId))
  const batchesUrl = await url(batchesWorker)
  return { targets, article, firstViewMs, countedWrites: () => readBatchesPerViews(miniflare, batchesUrl) }
}

/** The Worker whose every request misses the isolate's page cache and asks the location's. */
const locationWorker = 'location'

/**
 * The location target measures the Cache API only once the page is there: its
 * first request rendered it and put it in a waitUntil, so a later request must
 * be answered without reaching the app.
 */
async function expectLocationHits(url: string): Promise<void> {
  const reached = async () =>
    (JSON.parse((await get200(`${new URL(url).origin}/__bench/app-requests`)).body.toString('utf8')) as { appRequests: number }).appRequests
  for (let attempt = 0; attempt < 20; attempt++) {
    const before = await reached()
    await get200(url)
    if ((await reached()) === before) return
    await sleep(100)
  }
  throw new Error(`${url}: every request reached the app, so the location's cache never answered`)
}

async function expectCacheHit(url: string): Promise<void> {
  const status = header(await get200(url), 'cf-cache-status')
  if (status !== 'HIT') throw new Error(`${url}: the Cache API answered ${status ?? 'without CF-Cache-Status'}, not a hit`)
}

/** The pre-rendered target measures what it says only once the first view has stored the article's HTML. */
async function expectStoredRender(miniflare: Miniflare, path: string): Promise<void> {
  const db = await miniflare.getD1Database('DB', 'site')
  const slug = path.slice(path.lastIndexOf('/') + 1)
  const row = await db.prepare('SELECT renderer_version FROM articles WHERE slug = ?').bind(slug).first<{ renderer_version: number | null }>()
  if (row?.renderer_version == null) throw new Error(`the first view of ${path} stored no rendered HTML`)
}
