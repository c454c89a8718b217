import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeBareWriteBundle } from './bare-write.ts'
import type { Bundle, Compatibility } from './bundle.ts'
import { childrenNamed } from './cpu.ts'
import { formBodies, type FormKind } from './forms.ts'
import { manifest, quietMiniflare } from './miniflare.ts'
import { onCleanup } from './processes.ts'
import type { BenchTarget } from './servers.ts'
import type { Tools } from './tools.ts'
import { applyMigrations, lastWriteShape } from './write-db.ts'
import { readDevVars } from './worker-env.ts'

/** Far above what the load sends, so no request is refused with 429. */
const benchRateLimit = { limit: 1_000_000_000, period: 60 } as const

/**
 * Both Workers get the same bindings: `npm run dev`'s vars and secrets, a D1
 * database and a queue of their own (nobody consumes it), the two rate
 * limiters with a limit the load never reaches. A direct socket per Worker
 * skips Miniflare's entry Worker, so nothing but workerd sits in front.
 */
function workerOptions(name: string, bundle: Bundle, compatibility: Compatibility) {
  const text = Object.fromEntries(Object.entries(readDevVars()).map(([key, value]) => [key, { type: 'text' as const, value }]))
  return {
    config: {
      name,
      compatibilityDate: compatibility.date,
      compatibilityFlags: compatibility.flags,
      manifest: manifest(bundle),
      env: {
        ...text,
        DB: { type: 'd1' as const, id: `bench-${name}` },
        NOTIFY_QUEUE: { type: 'queue' as const, name: `bench-${name}-notifications` },
        FORM_RATE_LIMITER: { type: 'rate-limit' as const, namespace: '1001', simple: benchRateLimit },
        LOGIN_RATE_LIMITER: { type: 'rate-limit' as const, namespace: '1002', simple: benchRateLimit },
      },
    },
    dev: { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] },
  }
}

async function postOnce(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual' })
  const text = await res.text()
  if (res.status !== 303) throw new Error(`POST ${url} answered ${res.status}, expected 303:\n${text.slice(0, 2_000)}`)
}

const forms: { kind: FormKind; path: string }[] = [
  { kind: 'contact', path: '/contact' },
  { kind: 'booking', path: '/book' },
]

/**
 * One Miniflare (the one wrangler resolves) running the site's real bundle
 * and the bare write Worker side by side. Each form is posted once to both
 * and the stored rows compared before any load.
 */
export async function startWriteTargets(tools: Tools, tmp: string, site: Bundle, compatibility: Compatibility): Promise<BenchTarget[]> {
  const { Miniflare } = (await import(pathToFileURL(tools.miniflare.entry).href)) as typeof import('miniflare')
  const before = new Set(childrenNamed(process.pid, 'workerd'))
  const miniflare = new Miniflare({
    ...quietMiniflare,
    workers: [workerOptions('site', site, compatibility), workerOptions('bare', writeBareWriteBundle(join(tmp, 'bare-write')), compatibility)],
  })
  onCleanup(() => miniflare.dispose())
  await miniflare.ready
  const pid = childrenNamed(process.pid, 'workerd').find((candidate) => !before.has(candidate))
  const origins = { site: (await miniflare.unsafeGetDirectURL('site')).origin, bare: (await miniflare.unsafeGetDirectURL('bare')).origin }
  await applyMigrations(miniflare, 'site')
  await applyMigrations(miniflare, 'bare')

  const secret = readDevVars().FORM_SECRET ?? ''
  const runtime = `Miniflare ${tools.miniflare.version}, direct socket`
  // What a browser on the page sends; one client address, well within the bench's rate limit.
  const headersFor = (origin: string) => ({
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: origin,
    'Sec-Fetch-Site': 'same-origin',
    'CF-Connecting-IP': '203.0.113.7',
  })
  const targets: BenchTarget[] = []
  const add = async (target: Omit<BenchTarget, 'runtime' | 'method' | 'headers' | 'expectStatus' | 'serverPid' | 'body'>, kind: FormKind, origin: string) => {
    const headers = headersFor(origin)
    const body = formBodies(kind, secret)
    await postOnce(target.url, body(), headers)
    targets.push({ ...target, runtime, method: 'POST', headers, body, expectStatus: 303, serverPid: pid })
  }

  for (const form of forms) {
    await add(
      {
        id: `${form.kind}-site`,
        label: `POST ${form.path} (site)`,
        url: `${origins.site}${form.path}`,
        baseline: `${form.kind}-bare`,
        minRatio: 0.8,
        ...(form.kind === 'contact' && { alsoComparedWith: 'contact-bare-rate-limit' }),
        how: 'the real bundle: guards, rate limit, form token, zod, dedupe HMAC, Drizzle batch, queue send, 303 (each body distinct, so every request writes)',
      },
      form.kind,
      origins.site,
    )
    const siteShape = await lastWriteShape(miniflare, 'site')
    await add(
      {
        id: `${form.kind}-bare`,
        label: `bare ${form.kind} write`,
        url: `${origins.bare}${form.path}`,
        how: 'a few lines (generated by test/bench/bare-write.ts): formData(), the same D1 batch as the site\'s, sendBatch, 303',
      },
      form.kind,
      origins.bare,
    )
    const bareShape = await lastWriteShape(miniflare, 'bare')
    if (JSON.stringify(siteShape) !== JSON.stringify(bareShape)) {
      throw new Error(`${form.path}: the bare Worker stores ${JSON.stringify(bareShape)}, the site ${JSON.stringify(siteShape)}; update test/bench/bare-write.ts`)
    }
  }
  await add(
    {
      id: 'contact-bare-rate-limit',
      label: 'bare contact write + rate limit',
      url: `${origins.bare}/contact?rate-limit`,
      baseline: 'contact-bare',
      how:
        'the same plus the FORM_RATE_LIMITER.limit() call the site makes. For information, not a goal: in Miniflare each call is a ' +
        'request to a Durable Object that writes its counter to SQLite on disk; on Cloudflare the counters are cached on the machine ' +
        'running the Worker and synchronised in the background',
    },
    'contact',
    origins.bare,
  )
  return targets
}
