import { Hono } from 'hono'
import type { AppEnv } from '../../../platform/env'
import { matchesEtag } from '../../../platform/etag'
import { securityHeaders } from '../../../platform/security-headers'
import { parseImageName } from '../images/formats'

/** An image never changes under its URL (the name is the hash of its bytes), so it may be kept for a year. */
const immutableFile = 'public, max-age=31536000, immutable'

/**
 * Article images straight from R2, streamed with their stored type. Mounted
 * ahead of the page cache, which keeps whole pages in memory: images are
 * large and already cached by browsers and the edge for a year. The ETag is
 * the hash in the name, so a revalidation costs one metadata read.
 */
export const imageRoutes = new Hono<AppEnv>().use(securityHeaders()).get('/:name', async (c) => {
  const name = parseImageName(c.req.param('name'))
  if (!name) return c.notFound()
  const key = `${name.hash}.${name.extension}`
  const etag = `"${name.hash}"`
  const headers = { ETag: etag, 'Cache-Control': immutableFile, 'X-Content-Type-Options': 'nosniff' }
  if (matchesEtag(c.req.header('If-None-Match'), etag)) {
    return (await c.env.IMAGES.head(key)) ? c.body(null, 304, headers) : c.notFound()
  }
  const object = await c.env.IMAGES.get(key)
  if (!object) return c.notFound()
  return c.body(object.body, 200, {
    ...headers,
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Content-Length': String(object.size),
  })
})
