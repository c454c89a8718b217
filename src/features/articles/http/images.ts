import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../../platform/env'
import { matchesEtag } from '../../../platform/etag'
import { securityHeaders } from '../../../platform/security-headers'
import { parseImageName, parseVariantName, variantKey } from '../images/formats'

/** An image never changes under its URL (the name is the hash of its bytes), so it may be kept for a year. */
const immutableFile = 'public, max-age=31536000, immutable'

const hashPattern = /^[0-9a-f]{64}$/

/**
 * One R2 object as an immutable file. The ETag comes from its name (the
 * original's hash, and a copy's width and format), so a revalidation costs
 * one metadata read.
 */
async function serveObject(c: Context<AppEnv>, key: string, etag: string) {
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
}

/**
 * Article images straight from R2, streamed with their stored type: the
 * original (`/images/<hash>.<ext>`) and its smaller copies
 * (`/images/<hash>/<width>.<avif|webp>`). Mounted ahead of the page cache,
 * which keeps whole pages in memory: images are large and already cached by
 * browsers and the edge for a year.
 */
export const imageRoutes = new Hono<AppEnv>()
  .use(securityHeaders())
  .get('/:name', (c) => {
    const name = parseImageName(c.req.param('name'))
    return name ? serveObject(c, `${name.hash}.${name.extension}`, `"${name.hash}"`) : c.notFound()
  })
  .get('/:hash/:name', (c) => {
    const hash = c.req.param('hash')
    const variant = parseVariantName(c.req.param('name'))
    return hashPattern.test(hash) && variant ? serveObject(c, variantKey(hash, variant), `"${hash}-${variant.width}.${variant.format}"`) : c.notFound()
  })
