import type { Bundle, Compatibility } from './bundle.ts'
import { manifest } from './miniflare.ts'
import { readDevVars, readRateLimits } from './worker-env.ts'

/** Far above what the load sends, so no request is refused with 429. */
const unlimited = { limit: 1_000_000_000, period: 60 } as const
/** One call a minute: the second call in the same minute is refused. */
const onePerMinute = { limit: 1, period: 60 } as const

/**
 * A Worker with the site's bindings: `npm run dev`'s vars and secrets, a D1
 * database and a queue of its own (nobody consumes it), and every rate
 * limiter of wrangler.toml with a limit the load never reaches, except
 * `limited`, which allows one call a minute. A direct socket skips
 * Miniflare's entry Worker, so nothing but workerd sits in front.
 */
export function writeWorkerOptions(name: string, bundle: Bundle, compatibility: Compatibility, limited?: string) {
  const text = Object.fromEntries(Object.entries(readDevVars()).map(([key, value]) => [key, { type: 'text' as const, value }]))
  const limiters = Object.fromEntries(
    readRateLimits().map((binding) => [
      binding.name,
      { type: 'rate-limit' as const, namespace: binding.namespaceId, simple: binding.name === limited ? onePerMinute : unlimited },
    ]),
  )
  return {
    config: {
      name,
      compatibilityDate: compatibility.date,
      compatibilityFlags: compatibility.flags,
      manifest: manifest(bundle),
      env: {
        ...text,
        ...limiters,
        DB: { type: 'd1' as const, id: `bench-${name}` },
        NOTIFY_QUEUE: { type: 'queue' as const, name: `bench-${name}-notifications` },
        CF_VERSION_METADATA: { type: 'version-metadata' as const },
      },
    },
    dev: { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] },
  }
}

/** What a browser on the page sends, from the client address `ip`. */
export const formHeaders = (origin: string, ip: string): Record<string, string> => ({
  'Content-Type': 'application/x-www-form-urlencoded',
  Origin: origin,
  'Sec-Fetch-Site': 'same-origin',
  'CF-Connecting-IP': ip,
})

/** One POST; the status and where it leads, with the body for error messages. */
export async function postForm(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; location: string; text: string }> {
  const res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual' })
  return { status: res.status, location: res.headers.get('Location') ?? '', text: await res.text() }
}
