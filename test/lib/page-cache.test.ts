import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { publicPage } from '../../src/lib/cache-control'
import { createPageCache } from '../../src/lib/page-cache'
import { request } from '../helpers/http'

/** A tiny app that counts renders, to see what the cache saves. */
function countingApp(maxEntries?: number) {
  const renders = new Map<string, number>()
  const app = new Hono()
  const pages = createPageCache({ maxEntries })
  app.use(pages.store)
  // Stands in for securityHeaders(): middleware inside the cache that sets headers after the handler.
  app.use(async (c, next) => {
    await next()
    c.res.headers.set('X-Inner', 'set once')
  })
  app.get('/page/:id', (c) => {
    const id = c.req.param('id')
    renders.set(id, (renders.get(id) ?? 0) + 1)
    c.header('Cache-Control', publicPage)
    return c.html(`<p>page ${id}</p>`)
  })
  app.get('/private', (c) => c.html('<p>private</p>'))
  return { app, renders, pages }
}

describe('the fast path before the app', () => {
  it('answers only GET and HEAD of pages already stored, whatever the query string', async () => {
    const { app, pages } = countingApp()
    const url = 'https://clinic.example.com/page/fast'
    expect(pages.serve(new Request(url))).toBeUndefined()
    const first = await app.request(url)
    const hit = pages.serve(new Request(`${url}?utm_source=feed`))
    expect(hit?.status).toBe(200)
    expect(await hit?.text()).toBe(await first.text())
    expect(hit?.headers.get('X-Inner')).toBe('set once')
    expect(pages.serve(new Request(url, { headers: { 'If-None-Match': first.headers.get('ETag')! } }))?.status).toBe(304)
    expect(pages.serve(new Request(url, { method: 'POST' }))).toBeUndefined()
    expect(pages.serve(new Request('https://clinic.example.com/page/other'))).toBeUndefined()
  })
})

describe('pageCache', () => {
  it('renders a public page once and serves repeats from memory with the same ETag', async () => {
    const { app, renders } = countingApp()
    const first = await app.request('/page/a')
    const second = await app.request('/page/a?utm_source=x')
    expect(renders.get('a')).toBe(1)
    expect(await second.text()).toBe(await first.text())
    expect(second.headers.get('ETag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'))
  })

  it('answers a matching If-None-Match with 304 and no body, on first render and from cache', async () => {
    const { app } = countingApp()
    const etag = (await app.request('/page/b')).headers.get('ETag')!
    const fresh = countingApp().app
    for (const target of [app, fresh]) {
      const response = await target.request('/page/b', { headers: { 'If-None-Match': `W/${etag}, "other"` } })
      expect(response.status).toBe(304)
      expect(response.body).toBeNull()
      expect(response.headers.get('ETag')).toBe(etag)
    }
    expect((await app.request('/page/b', { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200)
  })

  it('never keeps 404s or pages that are not public', async () => {
    const { app, renders } = countingApp()
    await app.request('/private')
    await app.request('/missing')
    expect((await app.request('/private')).headers.get('ETag')).toBeNull()
    expect(renders.size).toBe(0)
  })

  it('stays within its bound, dropping the least recently used page', async () => {
    const { app, renders } = countingApp(2)
    await app.request('/page/1')
    await app.request('/page/2')
    await app.request('/page/1')
    await app.request('/page/3')
    await app.request('/page/1')
    await app.request('/page/2')
    expect(renders.get('1')).toBe(1)
    expect(renders.get('2')).toBe(2)
  })

  it('replays the headers set inside it on hits and 304s, and a hit cannot alter them for the next', async () => {
    const { app } = countingApp()
    const first = await app.request('/page/r')
    const hit = await app.request('/page/r')
    hit.headers.set('X-Inner', 'changed by a caller')
    hit.headers.delete('ETag')
    const next = await app.request('/page/r')
    const revalidated = await app.request('/page/r', { headers: { 'If-None-Match': first.headers.get('ETag')! } })
    for (const response of [first, next, revalidated]) {
      expect(response.headers.get('X-Inner')).toBe('set once')
      expect(response.headers.get('ETag')).toBe(first.headers.get('ETag'))
      expect(response.headers.get('Cache-Control')).toBe(publicPage)
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=UTF-8')
    }
    expect(await next.text()).toBe('<p>page r</p>')
    expect(revalidated.status).toBe(304)
  })

  it('answers HEAD with headers and no body', async () => {
    const { app } = countingApp()
    const response = await app.request('/page/h', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).not.toBeNull()
    expect(await response.text()).toBe('')
  })
})

describe('site pages revalidate', () => {
  it('the article page answers its own ETag with 304', async () => {
    const path = '/articles/low-back-pain-relief-acupuncture'
    const first = await request(path)
    const etag = first.headers.get('ETag')
    expect(etag).toBeTruthy()
    expect(first.headers.get('Cache-Control')).toBe(publicPage)
    const revalidated = await request(path, { headers: { 'If-None-Match': etag! } })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('Content-Security-Policy')).toContain("default-src 'self'")
  })
})
