import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Bundle, collectModules } from './bundle.ts'

/** The floor's id: the location-cache line is printed beside it. */
export const cacheApiFloorId = 'cache-api'

/**
 * A Worker that only opens the Cache API's `pages` and answers the match for
 * one key: the page's bytes with the site's headers, put there by its first
 * request. The least any Worker answering from the location's cache can
 * spend. Locally the Cache API is Miniflare's Durable Object writing to
 * SQLite in the same workerd, so its CPU counts here; in production it is the
 * location's cache, I/O the Worker waits for.
 */
export function writeCacheApiBundle(outdir: string, body: Buffer, headers: Record<string, string>): Bundle {
  mkdirSync(outdir, { recursive: true })
  writeFileSync(join(outdir, 'page.html'), body)
  // The Cache API keeps only what a shared cache may keep, as the site's stored copies say.
  const stored = { ...headers, 'cache-control': 'public, max-age=86400' }
  writeFileSync(
    join(outdir, 'cache-api.js'),
    [
      `import body from './page.html'`,
      `const headers = ${JSON.stringify(stored)}`,
      `const key = 'https://pages.internal/bench/article'`,
      'export default {',
      '  async fetch() {',
      `    const cache = await caches.open('pages')`,
      '    const hit = await cache.match(key)',
      '    if (hit) return hit',
      '    await cache.put(key, new Response(body, { headers }))',
      '    return new Response(body, { headers })',
      '  },',
      '}',
      '',
    ].join('\n'),
  )
  return { dir: outdir, modules: collectModules(outdir, 'cache-api.js') }
}
