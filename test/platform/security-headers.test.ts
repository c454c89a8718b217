import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { publicPage } from '../../src/platform/cache-control'
import { createPageCache } from '../../src/platform/page-cache'
import { securityHeaders } from '../../src/platform/security-headers'
import { turnstileKeys } from '../../src/platform/turnstile'
import { request } from '../helpers/http'

const paths = ['/', '/articles/low-back-pain-relief-acupuncture', '/sitemap.xml', '/feed.xml', '/robots.txt', '/no-such-page']
const turnstileOrigin = 'https://challenges.cloudflare.com'

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get('Content-Security-Policy') ?? ''
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("base-uri 'none'")
  expect(csp).toContain("form-action 'self'")
  expect(csp).not.toContain('unsafe-inline')
  expect(csp).not.toContain('unsafe-eval')
  const hsts = response.headers.get('Strict-Transport-Security') ?? ''
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000)
  expect(hsts).toContain('includeSubDomains')
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
  expect(response.headers.get('Permissions-Policy')).toContain('camera=()')
  expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
}

describe.each(paths)('security headers on %s', (path) => {
  it('has a strict CSP and the hardening headers', async () => {
    expectSecurityHeaders(await request(path))
  })
})

describe('pages from the page cache', () => {
  it('carry the same security headers as their first render, on 200 and on 304', async () => {
    const path = '/articles/low-back-pain-relief-acupuncture'
    const first = await request(path)
    const hit = await request(path)
    const revalidated = await request(path, { headers: { 'If-None-Match': first.headers.get('ETag')! } })
    expect([first.status, hit.status, revalidated.status]).toEqual([200, 200, 304])
    for (const response of [hit, revalidated]) {
      expectSecurityHeaders(response)
      expect(Object.fromEntries(response.headers)).toEqual(Object.fromEntries(first.headers))
    }
  })

  // The cache lives in one isolate, and an isolate runs one deployment with one
  // env; each app here stands for one such isolate.
  it.each([
    ['on', 'test-site-key', turnstileOrigin],
    ['off', '', "'none'"],
  ])('keep the CSP of the deployment that rendered them, with Turnstile %s', async (_, siteKey, scriptSource) => {
    const app = new Hono<{ Bindings: Env }>()
    app.use(createPageCache().store)
    app.use(securityHeaders({ scriptOrigin: (c) => (turnstileKeys(c.env) ? turnstileOrigin : undefined) }))
    app.get('/page', (c) => {
      c.header('Cache-Control', publicPage)
      return c.html('<p>page</p>')
    })
    const deployment = { ...env, TURNSTILE_SITE_KEY: siteKey, TURNSTILE_SECRET_KEY: siteKey ? 'test-secret' : '' }
    for (let i = 0; i < 2; i++) {
      const csp = (await app.request('/page', undefined, deployment)).headers.get('Content-Security-Policy') ?? ''
      expect(csp).toContain(`script-src ${scriptSource};`)
      expect(csp).toContain(`frame-src ${scriptSource};`)
      if (!siteKey) expect(csp).not.toContain(turnstileOrigin)
    }
  })
})

describe('static files', () => {
  it('get the same security headers from static/_headers as rendered pages', async () => {
    const rendered = await request('/')
    const staticBlock = env.TEST_STATIC_HEADERS.split(/\n(?=\S)/).find((block) => block.startsWith('/*\n')) ?? ''
    const staticHeaders = new Map(
      staticBlock
        .split('\n')
        .slice(1)
        .map((line) => {
          const [name = '', ...value] = line.trim().split(': ')
          return [name.toLowerCase(), value.join(': ')] as const
        }),
    )
    for (const name of [
      'content-security-policy',
      'strict-transport-security',
      'x-content-type-options',
      'referrer-policy',
      'permissions-policy',
      'cross-origin-opener-policy',
      'x-frame-options',
    ]) {
      expect(staticHeaders.get(name), name).toBe(rendered.headers.get(name))
    }
  })
})
