import { pathToFileURL } from 'node:url'
import type { Bundle, Compatibility } from './bundle.ts'
import { type FormKind, formBodies } from './forms.ts'
import { quietMiniflare } from './miniflare.ts'
import type { Tools } from './tools.ts'
import { readDevVars, readRateLimits } from './worker-env.ts'
import { applyMigrations, seedBookingSettings } from './write-db.ts'
import { formHeaders, postForm, writeWorkerOptions } from './write-workers.ts'

export const formPaths: Record<FormKind, string> = { contact: '/contact', booking: '/book' }

// Each form from its own client, so a limiter keyed by client alone counts the two apart.
const probeClients: Record<FormKind, string> = { contact: '203.0.113.21', booking: '203.0.113.22' }

/** Within one minute a limiter rolls over at most once, so one of the last two of three posts is refused. */
const probePosts = 3

/**
 * The rate-limit bindings a valid POST of each form calls, asked of the site
 * itself rather than read from its source: one copy of the site per binding
 * of wrangler.toml, that binding allowing one call a minute and every other
 * one unlimited, gets each form posted three times. A 429 can only come from
 * the limited binding, so it means the form calls it. The probe's Miniflare
 * is gone before any load starts.
 */
export async function findFormLimiters(tools: Tools, site: Bundle, compatibility: Compatibility): Promise<Record<FormKind, string[]>> {
  const { Miniflare } = (await import(pathToFileURL(tools.miniflare.entry).href)) as typeof import('miniflare')
  const bindings = readRateLimits().map((binding) => binding.name)
  const worker = (binding: string) => `probe-${binding}`
  const miniflare = new Miniflare({
    ...quietMiniflare,
    workers: bindings.map((binding) => writeWorkerOptions(worker(binding), site, compatibility, binding)),
  })
  try {
    await miniflare.ready
    const secret = readDevVars().FORM_SECRET ?? ''
    const found: Record<FormKind, string[]> = { contact: [], booking: [] }
    for (const binding of bindings) {
      await applyMigrations(miniflare, worker(binding))
      await seedBookingSettings(miniflare, worker(binding))
      const origin = (await miniflare.unsafeGetDirectURL(worker(binding))).origin
      for (const kind of Object.keys(formPaths) as FormKind[]) {
        const body = formBodies(kind, secret)
        const statuses: number[] = []
        for (let i = 0; i < probePosts; i++) {
          const res = await postForm(`${origin}${formPaths[kind]}`, body(), formHeaders(origin, probeClients[kind]))
          if (res.status !== 303 && res.status !== 429) {
            throw new Error(`POST ${formPaths[kind]} with ${binding} limited answered ${res.status}, expected 303 or 429:\n${res.text.slice(0, 2_000)}`)
          }
          statuses.push(res.status)
        }
        if (statuses.includes(429)) found[kind].push(binding)
      }
    }
    return found
  } finally {
    await miniflare.dispose()
  }
}
