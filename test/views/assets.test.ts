import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { stylesheetHref } from '../../src/views/assets'
import { request } from '../helpers/http'

it('the stylesheet URL carries the hash of static/site.css', () => {
  expect(stylesheetHref, 'update src/views/assets.ts after changing static/site.css').toBe(
    `/site.css?v=${env.TEST_STYLESHEET_HASH}`,
  )
})

it('every page links the fingerprinted stylesheet and no other', async () => {
  const html = await (await request('/')).text()
  expect(html.match(/<link rel="stylesheet" href="([^"]+)"/g)).toEqual([`<link rel="stylesheet" href="${stylesheetHref}"`])
})

it('the stylesheet is small and cacheable for a year', () => {
  expect(env.TEST_STATIC_HEADERS).toMatch(/\/site\.css\n\s+Cache-Control: public, max-age=31536000, immutable/)
})
