import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { writeConstantBundle, type Bundle, type Compatibility } from './bundle.ts'
import { freePort, get200, header, type HttpResponse } from './http.ts'
import type { Target } from './load.ts'
import { onCleanup } from './processes.ts'
import type { Tools } from './tools.ts'
import { startWorkerd, waitFor200, writeConfig, type ServiceSpec } from './workerd.ts'

export interface BenchTarget extends Target {
  /** How the figure is made, printed before the results. */
  how: string
  /** Goal: at least this share of the baseline's requests/s. */
  minRatio?: number
  /** The id of the target the goal compares with; the constant-string Worker unless set. */
  baseline?: string
  /** Another target to give a ratio against, for information. */
  alsoComparedWith?: string
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

/**
 * One workerd for every target (a service and port each): the Workers, and
 * workerd's disk service answering the page as a file. Every target is
 * checked to answer the article's exact bytes before any load, so the
 * figures compare like with like. Add a target here.
 */
export async function startServers(
  tools: Tools,
  tmp: string,
  path: string,
  bundles: { site: Bundle; render: Bundle },
  compatibility: Compatibility,
  article: HttpResponse,
): Promise<BenchTarget[]> {
  const page = article.body
  const contentType = header(article, 'content-type') ?? 'text/html; charset=UTF-8'
  // The disk service maps the URL path onto the directory, so the file takes the page's path, extension and all (none).
  const filesDir = join(tmp, 'files')
  const file = join(filesDir, path.slice(1))
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, page)
  const services: ServiceSpec[] = [
    { name: 'site', bundle: bundles.site, port: await freePort(), compatibility },
    { name: 'render', bundle: bundles.render, port: await freePort(), compatibility },
    { name: 'constant', bundle: writeConstantBundle(join(tmp, 'constant'), page, { 'content-type': contentType }), port: await freePort(), compatibility },
    {
      name: 'constant-headers',
      bundle: writeConstantBundle(join(tmp, 'constant-headers'), page, workerHeaders(article)),
      port: await freePort(),
      compatibility,
    },
    { name: 'file', directory: filesDir, port: await freePort() },
  ]
  const workerd = startWorkerd(tools.workerd.bin, writeConfig(join(tmp, 'bench.capnp'), services))
  onCleanup(() => workerd.stop())
  const url = (name: string) => `http://127.0.0.1:${services.find((service) => service.name === name)?.port}${path}`
  for (const service of services) await waitFor200(url(service.name), workerd)

  const runtime = `workerd serve ${tools.workerd.runtimeVersion.replace(/^workerd /, '')}`
  const targets: BenchTarget[] = [
    {
      id: baselineId,
      label: 'constant-string Worker',
      runtime,
      url: url('constant'),
      serverPid: workerd.pid,
      how: 'a few lines answering the same bytes and Content-Type from a module constant: the floor for any Worker',
    },
    {
      id: headersFloorId,
      label: 'constant + the site headers',
      runtime,
      url: url('constant-headers'),
      serverPid: workerd.pid,
      how: `the same, but with the ${Object.keys(workerHeaders(article)).length} headers the site sends (CSP, HSTS, ETag...): the floor for this page`,
    },
    {
      id: 'cached',
      label: 'article (repeated, from render cache)',
      runtime,
      url: url('site'),
      serverPid: workerd.pid,
      minRatio: 0.9,
      how:
        'the real bundle; after the first request the page cache (src/lib/page-cache.ts) answers from isolate memory, before the ' +
        'security headers middleware, with the headers and bytes of the first render',
    },
    {
      id: 'uncached',
      label: 'article (rendered every request)',
      runtime,
      url: url('render'),
      serverPid: workerd.pid,
      minRatio: 0.6,
      how:
        'the page cache is keyed by path in isolate memory and has no bypass, so test/bench/render-entry.tsx serves the same route ' +
        'with securityHeaders() and no page cache (bundled by esbuild as wrangler would): the JSX on every request, the Markdown ' +
        'once per isolate (src/content/articles.ts keeps its HTML)',
    },
    {
      id: 'file',
      label: 'file from workerd (disk service)',
      runtime,
      url: url('file'),
      serverPid: workerd.pid,
      how:
        "the same bytes as a file in a directory served by workerd's own disk service, in the same process: no JavaScript at all, " +
        'so the least this workerd can spend on this page (its Content-Type is application/octet-stream, which workerd sets for ' +
        'every file). With the server well short of a full core the client sets its pace, so its CPU/req is the figure to compare. ' +
        'Not Workers Static Assets, which plain workerd does not have',
    },
  ]

  for (const target of targets) {
    const res = await get200(target.url)
    // Headers differ on purpose (ETag, CSP, asset caching); the body must not.
    if (!res.body.equals(page)) throw new Error(`${target.label} (${target.url}) answers ${res.body.length} bytes that differ from the site Worker's page`)
  }
  return targets
}
