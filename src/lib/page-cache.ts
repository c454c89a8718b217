import type { MiddlewareHandler } from 'hono'

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
}

export interface PageCacheOptions {
  /** Upper bound on cached pages; the least recently used goes first. */
  maxEntries?: number
}

async function strongEtag(body: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', body)
  const hex = Array.from(new Uint8Array(digest).slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `"${hex}"`
}

const matchesEtag = (header: string | null, etag: string): boolean =>
  header !== null &&
  (header === etag || header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))

function respond(page: CachedPage, request: Request): Response {
  if (matchesEtag(request.headers.get('If-None-Match'), page.etag)) return new Response(null, { status: 304, headers: page.headers })
  return new Response(request.method === 'HEAD' ? null : page.body, { headers: page.headers })
}

/**
 * Keeps the rendered HTML of public pages in isolate memory, with its ETag,
 * so a repeated view does no Markdown or JSX work and a revalidation gets 304.
 * Only 200 responses marked `Cache-Control: public` are kept, and they are keyed
 * by path, so unknown URLs (404) and query-string variations never grow it.
 *
 * Every header of the first response is kept and replayed, so the middleware
 * that set them (security headers) must run inside this one.
 *
 * @example app.use(pageCache({ maxEntries: 200 })); app.use(securityHeaders())
 */
export function pageCache({ maxEntries = 200 }: PageCacheOptions = {}): MiddlewareHandler {
  const pages = new Map<string, CachedPage>()

  return async function pageCacheMiddleware(c, next) {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') return next()
    const key = c.req.path
    const cached = pages.get(key)
    if (cached) {
      pages.delete(key)
      pages.set(key, cached)
      return respond(cached, c.req.raw)
    }

    await next()
    const response = c.res
    if (response.status !== 200 || !response.headers.get('Cache-Control')?.includes('public')) return
    const body = new Uint8Array(await response.arrayBuffer())
    const etag = await strongEtag(body)
    const headers = new Headers(response.headers)
    headers.set('ETag', etag)
    const page: CachedPage = { body, etag, headers }
    pages.set(key, page)
    if (pages.size > maxEntries) pages.delete(pages.keys().next().value as string)
    // Cleared first: assigning over a response merges the old one's headers into the new.
    c.res = undefined
    c.res = respond(page, c.req.raw)
  }
}
