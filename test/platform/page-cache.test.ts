import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { publicPage } from '../../src/platform/cache-control'
import { createPageCache } from '../../src/platform/page-cache'
import { request } from '../helpers/http'

/** A tiny app that counts renders, to see what the cache saves. */
function countingApp(maxEntries?: number) {
  const renders = new Map<string, number>()
  const countRender = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1)
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
    countRender(id)
    c.header('Cache-Control', publicPage)
    return c.html(`<p>page ${id}</p>`)
  })
  app.get('/private', (c) => {
    countRender('private')
    return c.html('<p>private</p>')
  })
  // Marked public, so only its status keeps it out of the cache.
  app.notFound((c) => {
    countRender('missing')
    c.header('Cache-Control', publicPage)
    return c.html('<p>missing</p>', 404)
  })
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

  it('never keeps 404s or pages that are not public: each request renders them again', async () => {
    const { app, renders } = countingApp()
    for (let round = 0; round < 3; round++) {
      expect((await app.request('/private')).headers.get('ETag')).toBeNull()
      expect((await app.request('/missing')).status).toBe(404)
    }
    expect(renders.get('private')).toBe(3)
    expect(renders.get('missing')).toBe(3)
  })

  it('keeps a page under its one spelling: percent-encoded variants never add entries or push pages out', async () => {
    const { app, pages, renders } = countingApp(2)
    const page = await (await app.request('/page/e')).text()
    await app.request('/page/f')
    const spellings = ['/page/%65', '/%70age/e', '/p%61ge/e', '/pa%67e/%65', '/%70%61%67%65/e']
    for (const spelling of spellings) {
      const response = await app.request(spelling)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe(page)
      expect(pages.serve(new Request(`https://clinic.example.com${spelling}`))).toBeUndefined()
    }
    expect(renders.get('e')).toBe(1 + spellings.length)
    await app.request('/page/e')
    await app.request('/page/f')
    expect(renders.get('e')).toBe(1 + spellings.length)
    expect(renders.get('f')).toBe(1)
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

  it('never stores a page whose render began before the cache was cleared, so a stale render cannot outlive an edit', async () => {
    let text = 'old text'
    let finishRender = () => {}
    let held: Promise<void> | undefined = new Promise<void>((resolve) => (finishRender = resolve))
    let renderRead = () => {}
    const started = new Promise<void>((resolve) => (renderRead = resolve))
    const pages = createPageCache()
    const app = new Hono()
    app.use(pages.store)
    app.get('/article', async (c) => {
      const read = text
      renderRead()
      await held
      c.header('Cache-Control', publicPage)
      return c.html(`<p>${read}</p>`)
    })
    const staleRender = app.request('/article')
    await started
    // The edit lands and this isolate's freshness check clears its pages while the render is still going.
    text = 'new text'
    pages.clear()
    finishRender()
    expect(await (await staleRender).text()).toBe('<p>old text</p>')
    expect(pages.serve(new Request('https://clinic.example.com/article'))).toBeUndefined()
    held = undefined
    expect(await (await app.request('/article')).text()).toBe('<p>new text</p>')
    expect(await pages.serve(new Request('https://clinic.example.com/article'))?.text()).toBe('<p>new text</p>')
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

  it('answers a percent-encoded spelling of a page with that page', async () => {
    const about = await (await request('/about')).text()
    const encoded = await request('/%61bout')
    expect(encoded.status).toBe(200)
    expect(await encoded.text()).toBe(about)
  })

  it.each(['/%E0%A4%A', '/articles/%E0%A4%A', '/about%', '/%C0%AFabout'])('answers the malformed %s with the 404 page', async (path) => {
    const response = await request(path)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('<h1>Page not found</h1>')
  })
})
