import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { stylesheetHref } from '../../src/ui/assets'
import { request } from '../helpers/http'

it('the stylesheet URL carries the hash of static/site.css', () => {
  expect(stylesheetHref, 'update src/ui/assets.ts after changing static/site.css').toBe(`/site.css?v=${env.TEST_STYLESHEET_HASH}`)
})

it('every page links the fingerprinted stylesheet and no other', async () => {
  const html = await (await request('/')).text()
  expect(html.match(/<link rel="stylesheet" href="([^"]+)"/g)).toEqual([`<link rel="stylesheet" href="${stylesheetHref}"`])
})

/** Bytes of a body once gzipped, as a browser receives the stylesheet. */
async function gzippedSize(body: ArrayBuffer): Promise<number> {
  const compressed = new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip')))
  return (await compressed.arrayBuffer()).byteLength
}

// Room to grow several times over while still arriving in the first round trips with the page.
const stylesheetGzipLimit = 8 * 1024

it('the stylesheet is small: under 8 KB gzipped', async () => {
  const response = await env.ASSETS.fetch('https://clinic.example.com/site.css')
  expect(response.status).toBe(200)
  const css = await response.arrayBuffer()
  const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', css)), (byte) => byte.toString(16).padStart(2, '0'))
  expect(digest.join('').slice(0, 8), 'measures static/site.css as served').toBe(env.TEST_STYLESHEET_HASH)
  expect(await gzippedSize(css)).toBeLessThan(stylesheetGzipLimit)
})

it('the stylesheet is cacheable for a year', () => {
  expect(env.TEST_STATIC_HEADERS).toMatch(/\/site\.css\n\s+Cache-Control: public, max-age=31536000, immutable/)
})
