import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { vi } from 'vitest'
import { maxAgeMs } from '../../src/features/settings/current'
import { freshnessIntervalMs } from '../../src/platform/freshness'
import { wrapBinding } from './bindings'

export const origin = 'https://clinic.example.com'

/**
 * Addresses handed out in this runtime so far. Kept on the global object: the
 * test files of a worker share one runtime, and its rate limiters remember every
 * address, while this module may be evaluated afresh for each file.
 */
const handedOut = globalThis as { clientAddressesHandedOut?: number }

/** A fresh client address per call, so the per-client rate limit of one test never touches another. */
export function uniqueClientIp(): string {
  const count = (handedOut.clientAddressesHandedOut ?? 0) + 1
  handedOut.clientAddressesHandedOut = count
  return `203.0.${Math.floor(count / 250) % 250}.${(count % 250) + 1}`
}

const rateLimiters = [
  'FORM_RATE_LIMITER',
  'FORM_SITE_RATE_LIMITER',
  'LOGIN_RATE_LIMITER',
  'LOGIN_SITE_RATE_LIMITER',
  'MANAGE_RATE_LIMITER',
  'MANAGE_SITE_RATE_LIMITER',
] as const
type RateLimiters = Pick<Env, (typeof rateLimiters)[number]>

let fileClientIp = uniqueClientIp()
let ownLimiters = prefixedLimiters(`${crypto.randomUUID()}|`)

function prefixedLimiters(prefix: string): RateLimiters {
  const prefixed = (limiter: RateLimit) => wrapBinding(limiter, { limit: (options) => limiter.limit({ ...options, key: prefix + options.key }) })
  return Object.fromEntries(rateLimiters.map((name) => [name, prefixed(env[name])])) as RateLimiters
}

/**
 * Gives the test file about to run its own client address, the one its requests
 * come from when they name none, and its own allowance of each rate limiter
 * (test/setup.ts calls it before each file). Files share one runtime, and with
 * it the limiters' counts: without this, the requests of every file would count
 * as one client's, and their posts towards one site-wide allowance.
 */
export function startFile(): void {
  fileClientIp = uniqueClientIp()
  ownLimiters = prefixedLimiters(`${crypto.randomUUID()}|`)
}

/** The real rate limiters with every key prefixed by the running file's own, for requests that pass the bindings themselves. */
export const fileLimiters = (): RateLimiters => ownLimiters

/** `init` with the file's client address, unless it names one. */
function fromFileClient(init?: RequestInit): RequestInit {
  const headers = new Headers(init?.headers)
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', fileClientIp)
  return { ...init, headers }
}

/** Sends a request through the Worker's real fetch handler, middleware and all. */
export const request = (path: string, init?: RequestInit): Promise<Response> => exports.default.fetch(new Request(new URL(path, origin), fromFileClient(init)))

/** Every JSON-LD block in a page, parsed (a parse error fails the test). */
export function jsonLdBlocks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1] ?? '') as Record<string, unknown>)
}

/**
 * Sends a request through the Worker with some bindings replaced, e.g. a real
 * binding wrapped to fail, to inject a fault without touching the code under test,
 * and the file's own rate limiter allowances unless `overrides` names limiters.
 */
export async function requestWith(overrides: Partial<Env>, path: string, init?: RequestInit): Promise<Response> {
  const { default: worker } = await import('../../src/worker')
  const ctx = createExecutionContext()
  const response = await worker.fetch(
    new Request(new URL(path, origin), fromFileClient(init)) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...ownLimiters, ...overrides },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return response
}

/**
 * Lets the Worker's own freshness bound pass, as a quiet isolate lives it:
 * with `Date` faked by the caller (`vi.useFakeTimers({ toFake: ['Date'] })`),
 * the clock moves on past the content-version interval and the settings' age
 * limit, and one request through the real fetch handler (to a page it never
 * caches, so the settings are read too) starts the version reading, which is
 * let finish. The next request then shows what another isolate changed, or
 * the freshness check is broken.
 */
export async function letFreshnessBoundPass(): Promise<void> {
  vi.setSystemTime(Date.now() + Math.max(freshnessIntervalMs, maxAgeMs))
  const response = await requestWith({}, '/no-such-page')
  await response.arrayBuffer()
}
