import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { createDb } from '../../src/db/client'
import { bumpContentVersion, readContentVersion } from '../../src/db/site-state'
import { publicPage } from '../../src/lib/cache-control'
import { createFreshnessCheck } from '../../src/lib/freshness'
import { createPageCache } from '../../src/lib/page-cache'

describe('the content version check', () => {
  it('reads at most once per interval, on the clock it is given', async () => {
    const readVersion = vi.fn(async () => 1)
    const freshness = createFreshnessCheck({ intervalMs: 5_000, onChange: () => {} })
    await freshness.check(1_000, readVersion)
    expect(freshness.check(5_999, readVersion)).toBeUndefined()
    expect(readVersion).toHaveBeenCalledTimes(1)
    await freshness.check(6_000, readVersion)
    expect(readVersion).toHaveBeenCalledTimes(2)
  })

  it('reports the first reading and each moved version, never an unchanged one', async () => {
    const onChange = vi.fn()
    const freshness = createFreshnessCheck({ intervalMs: 1, onChange })
    for (const [now, version] of [[10, 4], [20, 4], [30, 5], [40, 5]] as const) await freshness.check(now, async () => version)
    expect(onChange).toHaveBeenCalledTimes(2)
  })

  it('logs a failed reading without throwing and reads again next interval', async () => {
    const onChange = vi.fn()
    const log = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const freshness = createFreshnessCheck({ intervalMs: 5_000, onChange })
    await expect(freshness.check(0, () => Promise.reject(new Error('D1 unavailable')))).resolves.toBeUndefined()
    expect(log.mock.calls.flat().join(' ')).toContain('content_version_unread')
    expect(onChange).not.toHaveBeenCalled()
    await freshness.check(5_000, async () => 7)
    expect(onChange).toHaveBeenCalledTimes(1)
    log.mockRestore()
  })
})

/** One isolate: its own page cache, emptied by its own check of the shared D1 version. */
function isolate() {
  let text = 'first text'
  const pages = createPageCache()
  const freshness = createFreshnessCheck({ intervalMs: 5_000, onChange: () => pages.clear() })
  const app = new Hono()
  app.use(pages.store)
  app.get('/article', (c) => {
    c.header('Cache-Control', publicPage)
    return c.html(`<p>${text}</p>`)
  })
  const view = async (now: number) => {
    const reading = freshness.check(now, () => readContentVersion(createDb(env.DB)))
    const response = pages.serve(new Request('https://clinic.example.com/article')) ?? (await app.request('/article'))
    await reading
    return response.text()
  }
  return { view, edit: (next: string) => (text = next) }
}

describe('two isolates sharing D1', () => {
  it('an isolate shows another’s write once its next check, at most 5 s later, sees the version move', async () => {
    const reader = isolate()
    expect(await reader.view(0)).toBe('<p>first text</p>')
    // The first reading emptied the cache (the page may predate it): this view stores the page.
    expect(await reader.view(1)).toBe('<p>first text</p>')
    // The write lands in D1 from elsewhere; this isolate's renderer would now read the new text.
    reader.edit('second text')
    await createDb(env.DB).batch([bumpContentVersion(createDb(env.DB), new Date('2026-05-01T10:00:00Z'))])
    expect(await reader.view(4_999)).toBe('<p>first text</p>')
    // The reading starts after this view's page is served from the cache.
    expect(await reader.view(5_001)).toBe('<p>first text</p>')
    expect(await reader.view(5_002)).toBe('<p>second text</p>')
  })
})
