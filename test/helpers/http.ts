import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { vi } from 'vitest'
import { maxAgeMs } from '../../src/features/settings/current'
import { freshnessIntervalMs } from '../../src/platform/freshness'

export const origin = 'https://clinic.example.com'

/** Sends a request through the Worker's real fetch handler, middleware and all. */
export const request = (path: string, init?: RequestInit): Promise<Response> => exports.default.fetch(new Request(new URL(path, origin), init))

/** Every JSON-LD block in a page, parsed (a parse error fails the test). */
export function jsonLdBlocks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1] ?? '') as Record<string, unknown>)
}

/**
 * Sends a request through the Worker with some bindings replaced, e.g. a real
 * binding wrapped to fail, to inject a fault without touching the code under test.
 */
export async function requestWith(overrides: Partial<Env>, path: string, init?: RequestInit): Promise<Response> {
  const { default: worker } = await import('../../src/worker')
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(new URL(path, origin), init) as Request<unknown, IncomingRequestCfProperties>, { ...env, ...overrides }, ctx)
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
