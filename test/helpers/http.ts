import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'

export const origin = 'https://clinic.example.com'

/** Sends a request through the Worker's real fetch handler, middleware and all. */
export const request = (path: string, init?: RequestInit): Promise<Response> =>
  exports.default.fetch(new Request(new URL(path, origin), init))

/** Every JSON-LD block in a page, parsed (a parse error fails the test). */
export function jsonLdBlocks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (match) => JSON.parse(match[1] ?? '') as Record<string, unknown>,
  )
}

/**
 * Sends a request through the Worker with some bindings replaced, e.g. a real
 * binding wrapped to fail, to inject a fault without touching the code under test.
 */
export async function requestWith(overrides: Partial<Env>, path: string, init?: RequestInit): Promise<Response> {
  const { default: worker } = await import('../../src/index')
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(new URL(path, origin), init) as Request<unknown, IncomingRequestCfProperties>, { ...env, ...overrides }, ctx)
  await waitOnExecutionContext(ctx)
  return response
}
