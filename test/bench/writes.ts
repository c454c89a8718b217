import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeBareWriteBundle } from './bare-write.ts'
import type { Bundle, Compatibility } from './bundle.ts'
import { childrenNamed } from './cpu.ts'
import { type FormKind, formBodies, freeStarts } from './forms.ts'
import { findFormLimiters, formPaths } from './limiter-probe.ts'
import { quietMiniflare } from './miniflare.ts'
import { onCleanup } from './processes.ts'
import type { BenchTarget } from './servers.ts'
import type { Tools } from './tools.ts'
import { readDevVars } from './worker-env.ts'
import { applyMigrations, lastWriteShape, seedBookingSettings } from './write-db.ts'
import { formHeaders, postForm, writeWorkerOptions } from './write-workers.ts'

/** The n-th address of 10.0.0.0/8 (documentation ranges are too small for a run's bookings). */
const clientAddress = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`

const rateLimitLabel = (count: number): string => (count === 1 ? 'rate-limit call' : `${count} rate-limit calls`)

/**
 * One Miniflare (the one wrangler resolves) running the site's real bundle
 * and the bare write Worker side by side. Each form is posted once to both
 * and the stored rows compared before any load. The bare Worker's goal line
 * makes the rate-limit calls the site makes on that form (found by
 * limiter-probe.ts), since a form POST must make them; the plain bare write
 * stays beside it for information.
 */
export async function startWriteTargets(tools: Tools, tmp: string, site: Bundle, compatibility: Compatibility): Promise<BenchTarget[]> {
  const limiters = await findFormLimiters(tools, site, compatibility)
  const { Miniflare } = (await import(pathToFileURL(tools.miniflare.entry).href)) as typeof import('miniflare')
  const before = new Set(childrenNamed(process.pid, 'workerd'))
  const miniflare = new Miniflare({
    ...quietMiniflare,
    workers: [writeWorkerOptions('site', site, compatibility), writeWorkerOptions('bare', writeBareWriteBundle(join(tmp, 'bare-write')), compatibility)],
  })
  onCleanup(() => miniflare.dispose())
  await miniflare.ready
  const pid = childrenNamed(process.pid, 'workerd').find((candidate) => !before.has(candidate))
  const origins = { site: (await miniflare.unsafeGetDirectURL('site')).origin, bare: (await miniflare.unsafeGetDirectURL('bare')).origin }
  await applyMigrations(miniflare, 'site')
  await applyMigrations(miniflare, 'bare')
  await seedBookingSettings(miniflare, 'site')
  // Each D1 takes every start once: the bare Worker's two targets share its starts.
  const starts = { [origins.site]: freeStarts(), [origins.bare]: freeStarts() }

  const secret = readDevVars().FORM_SECRET ?? ''
  const runtime = `Miniflare ${tools.miniflare.version}, direct socket`
  const targets: BenchTarget[] = []
  const add = async (target: Omit<BenchTarget, 'runtime' | 'method' | 'headers' | 'expectStatus' | 'serverPid' | 'body'>, kind: FormKind, origin: string) => {
    // One client address, well within the bench's rate limit.
    const headers = formHeaders(origin, '203.0.113.7')
    const nextBody = formBodies(kind, secret, starts[origin])
    const res = await postForm(target.url, nextBody(), headers)
    if (res.status !== 303) throw new Error(`POST ${target.url} answered ${res.status}, expected 303:\n${res.text.slice(0, 2_000)}`)
    if (kind === 'booking' && !res.location.startsWith('/manage/'))
      throw new Error(`POST ${target.url} answered 303 to ${res.location}, not the patient's page of a booking taken directly`)
    // A booking is taken directly only while the client holds fewer than the cap (2) of upcoming ones: each booking comes from its own address.
    let client = 0
    const body = kind === 'booking' ? () => ({ body: nextBody(), headers: formHeaders(origin, clientAddress(++client)) }) : nextBody
    targets.push({ ...target, runtime, method: 'POST', headers, body, expectStatus: 303, serverPid: pid })
  }

  for (const kind of Object.keys(formPaths) as FormKind[]) {
    const path = formPaths[kind]
    const calls = limiters[kind]
    // With no limiter on the form, the bare write itself is the goal line.
    const limited = calls.length > 0
    await add(
      {
        id: `${kind}-site`,
        label: `POST ${path} (site)`,
        url: `${origins.site}${path}`,
        baseline: limited ? `${kind}-bare-rate-limit` : `${kind}-bare`,
        minRatio: 0.8,
        ...(limited && { alsoComparedWith: `${kind}-bare` }),
        how:
          kind === 'booking'
            ? `the real bundle, a treatment booked directly (the default mode): guards, ${calls.join(' and ') || 'no rate limiter'}, form token, zod, dedupe HMAC, ` +
              "the repeat lookup, the chosen day's free times from D1, the calendar state and the client's upcoming bookings, takeTime's conditional batch, " +
              "the patient's page link, queue send, 303 to that page (each body a start no other request takes, from its own client address, so every request books)"
            : `the real bundle: guards, ${calls.join(' and ') || 'no rate limiter'}, form token, zod, dedupe HMAC, Drizzle batch, queue send, 303 (each body distinct, so every request writes)`,
      },
      kind,
      origins.site,
    )
    const siteShape = await lastWriteShape(miniflare, 'site')
    await add(
      {
        id: `${kind}-bare`,
        label: `bare ${kind} write`,
        url: `${origins.bare}${path}`,
        how:
          kind === 'booking'
            ? "a few lines (generated by test/bench/bare-write.ts): formData(), the site's D1 reads, conditional batch and link insert with the same statements, sendBatch, 303"
            : "a few lines (generated by test/bench/bare-write.ts): formData(), the same D1 batch as the site's, sendBatch, 303",
      },
      kind,
      origins.bare,
    )
    const bareShape = await lastWriteShape(miniflare, 'bare')
    if (JSON.stringify(siteShape) !== JSON.stringify(bareShape)) {
      throw new Error(`${path}: the bare Worker stores ${JSON.stringify(bareShape)}, the site ${JSON.stringify(siteShape)}; update test/bench/bare-write.ts`)
    }
    if (!limited) continue
    await add(
      {
        id: `${kind}-bare-rate-limit`,
        label: `bare ${kind} write + ${rateLimitLabel(calls.length)}`,
        url: `${origins.bare}${path}?rate-limit=${calls.join(',')}`,
        baseline: `${kind}-bare`,
        how:
          `the same plus the ${rateLimitLabel(calls.length)} the site makes on ${path} (${calls.join(', ')}), one after the other: the goal line. ` +
          'In Miniflare each call is a request to a Durable Object that writes its counter to SQLite on disk; on Cloudflare the counters are ' +
          'cached on the machine running the Worker and synchronised in the background',
      },
      kind,
      origins.bare,
    )
  }
  return targets
}
