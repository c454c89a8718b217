import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { request } from '../helpers/http'

const paths = ['/', '/articles/low-back-pain-relief-acupuncture', '/sitemap.xml', '/feed.xml', '/robots.txt', '/no-such-page']

describe.each(paths)('security headers on %s', (path) => {
  it('has a strict CSP and the hardening headers', async () => {
    const response = await request(path)
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
  })
})

describe('static files', () => {
  it('get the same security headers from static/_headers as rendered pages', async () => {
    const rendered = await request('/')
    const staticBlock = env.TEST_STATIC_HEADERS.split(/\n(?=\S)/).find((block) => block.startsWith('/*\n')) ?? ''
    const staticHeaders = new Map(
      staticBlock.split('\n').slice(1).map((line) => {
        const [name = '', ...value] = line.trim().split(': ')
        return [name.toLowerCase(), value.join(': ')] as const
      }),
    )
    for (const name of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'x-frame-options']) {
      expect(staticHeaders.get(name), name).toBe(rendered.headers.get(name))
    }
  })
})
