import type { Context, MiddlewareHandler } from 'hono'
import { publicPage } from './cache-control'
import { matchesEtag } from './etag'
import { describeError, logEvent } from './log'
import { requestUrlParts } from './request-url'

/**
 * Everything a repeat answer needs, built once when the page is stored: workerd
 * copies a `Headers` natively when a Response is made from it, while an array
 * or a record is walked in JavaScript on every request, and bytes are copied
 * as they are where a string would be encoded to UTF-8 each time.
 */
interface CachedPage {
  body: Uint8Array
  headers: Headers
  etag: string
  /** The instant (ms) from which the page is rendered again, for a page that shows the date. */
  keptUntil: number
}

const keptUntilKey = 'pageKeptUntil'

/**
 * Lets the page cache keep this page only until `until`, for a page whose
 * content changes with the clock (the home page's coming time off changes at
 * the clinic's midnight) rather than with the content version.
 */
export function keepPageUntil(c: Context, until: Date): void {
  c.set(keptUntilKey, until.getTime())
}

/**
 * A cache shared by the isolates of one location (the Cache API), asked when
 * this isolate's memory has no copy. Its key names the content version and the
 * deployment, so a change or a deploy moves every page to a new key: nothing
 * is ever purged, an old entry is simply never asked for again.
 */
interface LocationCache {
  open(): Promise<Cache>
  /** The key of `path` under the content version this isolate last read, or undefined before its first reading. */
  key(env: Env, path: string): string | undefined
}

export interface PageCacheOptions {
  /** Upper bound on cached pages; the least recently used goes first. */
  maxEntries?: number
  location?: LocationCache
}

// The stored copy says `public` so the Cache API keeps it (it refuses `private`);
// the page's own Cache-Control and the instant it is kept until ride beside it.
const storedControl = 'public, max-age=86400'
const ownControlHeader = 'X-Page-Cache-Control'
const keptUntilHeader = 'X-Page-Kept-Until'
// Added by the Cache API on a match; the page never had them.
const addedByCache = ['CF-Cache-Status', 'Age', 'Expires']

async function strongEtag(body: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', body)
  const hex = Array.from(new Uint8Array(digest).slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `"${hex}"`
}

function respond(page: CachedPage, request: Request): Response {
  if (matchesEtag(request.headers.get('If-None-Match'), page.etag)) return new Response(null, { status: 304, headers: page.headers })
  return new Response(request.method === 'HEAD' ? null : page.body, { headers: page.headers })
}

const pathOf = (url: string): string => requestUrlParts(url).path

export interface PageCache {
  /**
   * The stored answer (200 or 304) for a GET or HEAD of a cached page, or
   * undefined. Called before the app, so a hit costs no routing or middleware.
   */
  serve(request: Request, now?: number): Response | undefined
  /**
   * The answer from the location's cache for a GET or HEAD of a page this
   * isolate has not rendered yet, or undefined; a hit is also kept in memory.
   */
  serveFromLocation(request: Request, env: Env, now?: number): Promise<Response | undefined>
  /** Stores public 200 pages as the app renders them; the security headers must be set inside it. */
  store: MiddlewareHandler
  /**
   * Forgets every stored page, so each is rendered afresh on its next view;
   * a render already under way is answered but not stored, as it may have read
   * what the clear was for.
   */
  clear(): void
}

/**
 * Keeps the rendered HTML of public pages in isolate memory, with its ETag,
 * so a repeated view does no Markdown or JSX work and a revalidation gets 304.
 * Only 200 responses sent with `publicPage`'s Cache-Control are kept, and they are keyed
 * by path, so unknown URLs (404) and query-string variations never grow it, and
 * only under the path's canonical spelling, so percent-encoded variants never do.
 * Every header of the first response is kept and replayed. With a `location`
 * cache, each page rendered is also put there (after the answer), and an
 * isolate that has not rendered a page asks it before rendering.
 *
 * @example
 * const pages = createPageCache({ maxEntries: 200 })
 * app.use(pages.store, securityHeaders())
 * export default { fetch: (request, env, ctx) => pages.serve(request) ?? app.fetch(request, env, ctx) }
 */
export function createPageCache({ maxEntries = 200, location }: PageCacheOptions = {}): PageCache {
  const pages = new Map<string, CachedPage>()
  // Moves on each clear(): a render stores its page only if none happened since it began.
  let generation = 0

  function serve(request: Request, now = Date.now()): Response | undefined {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
    const key = pathOf(request.url)
    const cached = pages.get(key)
    if (!cached) return undefined
    pages.delete(key)
    if (now >= cached.keptUntil) return undefined
    pages.set(key, cached)
    return respond(cached, request)
  }

  function keep(key: string, page: CachedPage) {
    pages.set(key, page)
    if (pages.size > maxEntries) pages.delete(pages.keys().next().value as string)
  }

  async function serveFromLocation(request: Request, env: Env, now = Date.now()): Promise<Response | undefined> {
    if (!location || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined
    const path = pathOf(request.url)
    const locationKey = location.key(env, path)
    if (!locationKey) return undefined
    const askedIn = generation
    let stored: Response | undefined
    try {
      stored = await (await location.open()).match(locationKey)
    } catch (error) {
      logEvent('warn', 'location_cache_unread', { error: describeError(error) })
    }
    if (!stored) return undefined
    const headers = new Headers(stored.headers)
    const keptUntil = Number(headers.get(keptUntilHeader) ?? Number.POSITIVE_INFINITY)
    const etag = headers.get('ETag')
    if (now >= keptUntil || !etag) return undefined
    headers.set('Cache-Control', headers.get(ownControlHeader) ?? publicPage)
    for (const name of [ownControlHeader, keptUntilHeader, ...addedByCache]) headers.delete(name)
    const page: CachedPage = { body: new Uint8Array(await stored.arrayBuffer()), headers, etag, keptUntil }
    // Read under the version `generation` stood for: kept only if no clear came since.
    if (askedIn === generation) keep(path, page)
    return respond(page, request)
  }

  function storeInLocation(c: Context, locationKey: string, page: CachedPage) {
    if (!location) return
    const headers = new Headers(page.headers)
    headers.set(ownControlHeader, headers.get('Cache-Control') ?? publicPage)
    headers.set('Cache-Control', storedControl)
    if (Number.isFinite(page.keptUntil)) headers.set(keptUntilHeader, String(page.keptUntil))
    const put = location
      .open()
      .then((cache) => cache.put(locationKey, new Response(page.body, { headers })))
      .catch((error: unknown) => logEvent('warn', 'location_cache_unwritten', { error: describeError(error) }))
    c.executionCtx.waitUntil(put)
  }

  const store: MiddlewareHandler = async function storePage(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const hit = serve(c.req.raw)
    if (hit) return hit
    const renderedIn = generation
    // The key under the version the render starts from: its reads are at least that new.
    const locationKey = location?.key(c.env, c.req.path)
    await next()
    const response = c.res
    if (response.status !== 200 || response.headers.get('Cache-Control') !== publicPage) return
    // Routing matches the percent-decoded path (c.req.path: /%61bout is /about),
    // while serve() looks up the raw one so the fast path does no decoding. Storing
    // only requests whose raw path already is the decoded one keeps the two in step:
    // each entry is one routed page under its one spelling, so no other spelling can
    // add a copy or push a real page out; it is rendered each time, like a 404.
    const key = pathOf(c.req.url)
    if (key !== c.req.path) return
    const body = new Uint8Array(await response.arrayBuffer())
    const etag = await strongEtag(body)
    const headers = new Headers(response.headers)
    headers.set('ETag', etag)
    const page: CachedPage = { body, etag, headers, keptUntil: (c.get(keptUntilKey) as number | undefined) ?? Number.POSITIVE_INFINITY }
    if (renderedIn === generation) {
      keep(key, page)
      if (locationKey) storeInLocation(c, locationKey, page)
    }
    // Cleared first: assigning over a response merges the old one's headers into the new.
    c.res = undefined
    c.res = respond(page, c.req.raw)
  }

  function clear() {
    pages.clear()
    generation += 1
  }

  return { serve, serveFromLocation, store, clear }
}
