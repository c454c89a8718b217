import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pageViews } from '../../src/features/insight/store/schema'
import { publicPage } from '../../src/platform/cache-control'
import { createDb } from '../../src/platform/database'
import { wrapBinding } from '../helpers/bindings'
import { origin } from '../helpers/http'
import { storeArticle } from '../helpers/publishing'
import { savePhoneElsewhere } from '../helpers/settings'

type Worker = typeof import('../../src/worker')

/**
 * A new isolate: the Worker's modules evaluated afresh, as Cloudflare does for
 * each isolate, so its page cache, version check and settings copy start empty
 * while the location's Cache API and D1 are the ones the others used.
 */
async function coldIsolate(): Promise<Worker> {
  vi.resetModules()
  return import('../../src/worker')
}

const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

/** Which D1 sessions a request opened: the version reading's, and the app's when it ran. */
function recordingDatabase() {
  const sessions: (string | undefined)[] = []
  const database = wrapBinding(env.DB, {
    withSession: (start) => {
      sessions.push(start)
      return env.DB.withSession(start)
    },
  })
  return { sessions, env: { ...env, DB: database } }
}

/** A browser's request through an isolate's real fetch handler at `at`; what it left running finishes first. */
async function view(isolate: Worker, path: string, at: number, options: { env?: Env; headers?: Record<string, string> } = {}) {
  vi.setSystemTime(at)
  const ctx = createExecutionContext()
  const request = new Request(new URL(path, origin), { headers: { 'User-Agent': browser, 'CF-Connecting-IP': '198.51.100.23', ...options.headers } })
  const response = await isolate.default.fetch(request as Request<unknown, IncomingRequestCfProperties>, options.env ?? env, ctx)
  const text = await response.text()
  await waitOnExecutionContext(ctx)
  return { response, text }
}

/** The path's views in D1, every isolate's together, once `isolate` has written what it gathered. */
async function viewsOf(isolate: Worker, path: string): Promise<number> {
  await isolate.views.flush(createDb(env.DB))
  const [row] = await createDb(env.DB)
    .select({ views: sql<number>`coalesce(sum(${pageViews.views}), 0)` })
    .from(pageViews)
    .where(eq(pageViews.path, path))
  return row?.views ?? 0
}

// Each test starts an hour after the last, as if every isolate had been idle.
let start = Date.UTC(2031, 2, 3, 9)
beforeEach(() => {
  start += 3_600_000
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the three layers of a public page', () => {
  it('counts a view served by D1, by the location’s cache in a cold isolate and by the isolate’s own cache', async () => {
    const article = await storeArticle({ state: 'published', firstPublishedAt: new Date('2031-01-05T10:00:00Z') })
    const path = `/articles/${article.slug}`
    const first = await coldIsolate()
    const rendered = recordingDatabase()
    const fromD1 = await view(first, path, start, { env: rendered.env })
    expect(fromD1.response.status).toBe(200)
    // The version reading's session, then the page's, which starts from the reading's bookmark.
    expect(rendered.sessions).toHaveLength(2)
    expect(rendered.sessions[0]).toBe('first-unconstrained')
    expect(rendered.sessions[1]).not.toBe('first-primary')
    expect(await viewsOf(first, path)).toBe(1)

    const second = await coldIsolate()
    const shared = recordingDatabase()
    const fromLocation = await view(second, path, start + 1, { env: shared.env })
    // Only the version reading: the page came from the location's cache, the app never ran.
    expect(shared.sessions).toEqual(['first-unconstrained'])
    expect(fromLocation.text).toBe(fromD1.text)
    expect(fromLocation.response.headers.get('ETag')).toBe(fromD1.response.headers.get('ETag'))
    expect(fromLocation.response.headers.get('Cache-Control')).toBe(publicPage)
    expect(fromLocation.response.headers.get('Content-Security-Policy')).toBe(fromD1.response.headers.get('Content-Security-Policy'))
    expect(await viewsOf(second, path)).toBe(2)

    const own = recordingDatabase()
    const fromMemory = await view(second, path, start + 2, { env: own.env })
    expect(own.sessions).toEqual([])
    expect(fromMemory.text).toBe(fromD1.text)
    expect(await viewsOf(second, path)).toBe(3)
  })

  it('a cold isolate after an idle hour never serves the location’s page from before a change', async () => {
    const phone = `+1 555 03${String(start % 100_000).padStart(5, '0')}`
    const first = await coldIsolate()
    expect((await view(first, '/about', start)).text).not.toContain(phone)
    const restore = await savePhoneElsewhere(phone, new Date(start + 1))
    const later = await coldIsolate()
    expect((await view(later, '/about', start + 3_600_000)).text).toContain(phone)
    await restore(new Date(start + 3_600_001))
  })
  it('a page rendered once a change is seen never carries the settings read just before that change', async () => {
    const phone = `+1 555 04${String(start % 100_000).padStart(5, '0')}`
    const isolate = await coldIsolate()
    // The content version and the settings read at the first render.
    expect((await view(isolate, '/about', start)).text).not.toContain(phone)
    // From the page cache; the version is read again after the answer, unchanged.
    await view(isolate, '/about', start + 5_000)
    // A page no cache keeps reads the settings again, their copy being past its 5 s bound.
    await view(isolate, '/contact', start + 7_000)
    const restore = await savePhoneElsewhere(phone, new Date(start + 7_500))
    // Still from the page cache; the reading after it sees the change, when the settings copy is only 3 s old.
    expect((await view(isolate, '/about', start + 10_000)).text).not.toContain(phone)
    expect((await view(isolate, '/about', start + 10_500)).text).toContain(phone)
    await restore(new Date(start + 10_501))
  })
})

describe('what browsers and shared caches may keep', () => {
  it('pages from every layer say no shared cache may store them and browsers must revalidate, and a matching ETag gets 304', async () => {
    const isolate = await coldIsolate()
    const first = await view(isolate, '/articles', start)
    expect(first.response.headers.get('Cache-Control')).toBe('private, no-cache')
    const etag = first.response.headers.get('ETag') ?? ''
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    const again = await view(isolate, '/articles', start + 1, { headers: { 'If-None-Match': etag } })
    expect(again.response.status).toBe(304)
    expect(again.response.headers.get('Cache-Control')).toBe('private, no-cache')
    const cold = await coldIsolate()
    const shared = await view(cold, '/articles', start + 2, { headers: { 'If-None-Match': etag } })
    expect(shared.response.status).toBe(304)
    expect(shared.response.headers.get('Cache-Control')).toBe('private, no-cache')
  })

  it('the stylesheet and images by hash stay cacheable for a year everywhere', async () => {
    expect(env.TEST_STATIC_HEADERS).toMatch(/\/site\.css\n\s+Cache-Control: public, max-age=31536000, immutable/)
    const hash = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('')
    await env.IMAGES.put(`${hash}.png`, new Uint8Array([137, 80, 78, 71]), { httpMetadata: { contentType: 'image/png' } })
    const image = await view(await coldIsolate(), `/images/${hash}.png`, start)
    expect(image.response.status).toBe(200)
    expect(image.response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })
})
