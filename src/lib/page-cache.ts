import type { MiddlewareHandler } from 'hono'

interface CachedPage {
  body: string
  headers: [string, string][]
  etag: string
}

export interface PageCacheOptions {
  /** Upper bound on cached pages; the least recently used goes first. */
  maxEntries?: number
}

async function strongEtag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))
  const hex = Array.from(new Uint8Array(digest).slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `"${hex}"`
}

const matchesEtag = (header: string | undefined, etag: string): boolean =>
  header !== undefined && (header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))

/**
 * Keeps the rendered HTML of public pages in isolate memory, with its ETag,
 * so a repeated view does no Markdown or JSX work and a revalidation gets 304.
 * Only 200 responses marked `Cache-Control: public` are kept, and they are keyed
 * by path, so unknown URLs (404) and query-string variations never grow it.
 *
 * @example app.use('*', pageCache({ maxEntries: 200 }))
 */
export function pageCache({ maxEntries = 200 }: PageCacheOptions = {}): MiddlewareHandler {
  const pages = new Map<string, CachedPage>()

  const respond = (page: CachedPage, ifNoneMatch: string | undefined, method: string): Response => {
    const headers = new Headers(page.headers)
    if (matchesEtag(ifNoneMatch, page.etag)) return new Response(null, { status: 304, headers })
    return new Response(method === 'HEAD' ? null : page.body, { status: 200, headers })
  }

  return async function pageCacheMiddleware(c, next) {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') return next()
    const key = c.req.path
    const cached = pages.get(key)
    if (cached) {
      pages.delete(key)
      pages.set(key, cached)
      c.res = respond(cached, c.req.header('If-None-Match'), method)
      return
    }

    await next()
    const response = c.res
    if (response.status !== 200 || !response.headers.get('Cache-Control')?.includes('public')) return
    const body = await response.text()
    const etag = await strongEtag(body)
    const headers = new Headers(response.headers)
    headers.set('ETag', etag)
    const page: CachedPage = { body, etag, headers: [...headers] }
    pages.set(key, page)
    if (pages.size > maxEntries) pages.delete(pages.keys().next().value as string)
    c.res = undefined
    c.res = respond(page, c.req.header('If-None-Match'), method)
  }
}
