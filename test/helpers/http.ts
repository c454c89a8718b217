import { exports } from 'cloudflare:workers'

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
