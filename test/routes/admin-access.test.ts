import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { exampleAdminPasswordHash } from '../../src/admin/password'
import { adminGet, adminPost, signIn } from '../helpers/admin'
import { contactFields, post, referenceFrom, db } from '../helpers/forms'
import { origin, request, requestWith } from '../helpers/http'
import { eq } from 'drizzle-orm'
import { requests } from '../../src/db/schema'

const secretName = `Walker ${crypto.randomUUID()}`
let requestId = ''

beforeAll(async () => {
  const reference = referenceFrom(await post('/contact', await contactFields({ name: secretName })))
  const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
  requestId = row!.id
})

/** Every path the app routes under /admin, with parameters filled in from a real request. */
const adminPaths = () =>
  [...new Set(app.routes.map((route) => route.path).filter((path) => path.startsWith('/admin') && !path.includes('*')))]
    .map((path) => path.replace(':id', requestId).replace(':notificationId', crypto.randomUUID()))

describe('nothing under /admin without signing in', () => {
  it('the app really has inbox routes to walk', () => {
    expect(adminPaths().length).toBeGreaterThanOrEqual(10)
  })

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])('%s on every admin route: sign-in redirect, 401, 403 or 404, never data', async (method) => {
    for (const path of adminPaths().filter((p) => !p.startsWith('/admin/login'))) {
      const response = await request(path, {
        method,
        redirect: 'manual',
        headers: method === 'GET' || method === 'HEAD' ? {} : { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: method === 'GET' || method === 'HEAD' ? undefined : 'status=closed&note=x&email=a@b.c',
      })
      const body = await response.text()
      expect([303, 401, 403, 404], `${method} ${path}`).toContain(response.status)
      if (response.status === 303) expect(response.headers.get('Location'), `${method} ${path}`).toMatch(/^\/admin\/login\?next=/)
      expect(body, `${method} ${path}`).not.toContain(secretName)
      expect(response.headers.get('Cache-Control'), `${method} ${path}`).toBe('no-store')
    }
    const [row] = await db().select().from(requests).where(eq(requests.id, requestId))
    expect(row).toMatchObject({ status: 'new', note: null })
  })

  it('a tampered session cookie is refused', async () => {
    const session = await signIn()
    const [name, value] = session.cookie.split('=') as [string, string]
    const tampered = `${name}=${value.replace(/^./, (first) => (first === 'a' ? 'b' : 'a'))}`
    const response = await request('/admin', { headers: { Cookie: tampered }, redirect: 'manual' })
    expect(response.status).toBe(303)
  })
})

describe('signing in with the password', () => {
  const login = (password: string, overrides: Partial<Env> = {}, url = '/admin/login', clientIp = `198.51.100.${Math.floor(Math.random() * 250)}`) =>
    requestWith(overrides, url, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: new URL(url, origin).origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': clientIp },
      body: new URLSearchParams({ password, next: '/admin/erase' }).toString(),
    })

  it('the right password starts a session with a strict, HttpOnly, Secure cookie limited to /admin', async () => {
    const response = await login((await import('cloudflare:workers')).env.TEST_ADMIN_PASSWORD)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/erase')
    const cookie = response.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/^clinic_admin=[^;]+; Max-Age=28800; Path=\/admin; HttpOnly; Secure; SameSite=Strict/)
  })

  it('a wrong password is refused with 401 and no cookie', async () => {
    const response = await login('not the password')
    expect(response.status).toBe(401)
    expect(response.headers.get('Set-Cookie')).toBeNull()
    expect(await response.text()).toContain('That password is not right.')
  })

  it('signing in again rotates the session: the old cookie stops working', async () => {
    const first = await signIn()
    const response = await request('/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: first.cookie, 'CF-Connecting-IP': '198.51.100.250' },
      body: new URLSearchParams({ password: (await import('cloudflare:workers')).env.TEST_ADMIN_PASSWORD }).toString(),
    })
    const second = (response.headers.get('Set-Cookie') ?? '').split(';')[0]!
    expect(second).not.toBe(first.cookie)
    expect((await adminGet(first, '/admin')).status).toBe(303)
    expect((await request('/admin', { headers: { Cookie: second } })).status).toBe(200)
  })

  it('signing out ends the session', async () => {
    const session = await signIn()
    const response = await adminPost(session, '/admin/logout')
    expect(response.status).toBe(303)
    expect(response.headers.get('Set-Cookie')).toMatch(/^clinic_admin=; Max-Age=0/)
    expect((await adminGet(session, '/admin')).status).toBe(303)
  })

  it('limits sign-in attempts per client', async () => {
    const clientIp = '203.0.113.77'
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await login('guess', {}, '/admin/login', clientIp)).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses[5]).toBe(429)
  })

  it('a deployed Worker refuses sign-in while its hash is the published example; locally it works', async () => {
    const deployed = await login('clinic-dev-password', { ADMIN_PASSWORD_HASH: exampleAdminPasswordHash })
    expect(deployed.status).toBe(503)
    expect(await deployed.text()).toContain('Sign-in is switched off until the inbox password is set')
    const local = await login('clinic-dev-password', { ADMIN_PASSWORD_HASH: exampleAdminPasswordHash }, 'http://localhost:8787/admin/login')
    expect(local.status).toBe(303)
  })

  it('never redirects outside the inbox after signing in', async () => {
    const response = await requestWith({}, '/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': '198.51.100.251' },
      body: new URLSearchParams({ password: (await import('cloudflare:workers')).env.TEST_ADMIN_PASSWORD, next: '//evil.example/admin' }).toString(),
    })
    expect(response.headers.get('Location')).toBe('/admin')
  })
})

describe('state changes need the session’s CSRF token and this origin', () => {
  it('refuses a missing or wrong token with 403 and changes nothing', async () => {
    const session = await signIn()
    for (const csrf of ['', '0'.repeat(64)]) {
      const response = await adminPost({ ...session, csrf }, `/admin/requests/${requestId}/status`, { status: 'spam' })
      expect(response.status).toBe(403)
    }
    const [row] = await db().select().from(requests).where(eq(requests.id, requestId))
    expect(row!.status).toBe('new')
  })

  it('refuses a cross-site post even with the right token', async () => {
    const session = await signIn()
    const response = await request(`/admin/requests/${requestId}/status`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: session.csrf, status: 'spam' }).toString(),
    })
    expect(response.status).toBe(403)
  })

  it('admin pages are never cached or indexed', async () => {
    const session = await signIn()
    const response = await adminGet(session, '/admin')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('X-Robots-Tag')).toBe('noindex, nofollow')
    expect(await response.text()).toContain('<meta name="robots" content="noindex"/>')
  })
})

describe('the sign-in form refuses what it cannot read', () => {
  it.each([
    ['a JSON body', 'application/json', '{"password":"x"}', 400],
    ['a multipart body without a boundary', 'multipart/form-data', 'password=x', 400],
    ['plain text', 'text/plain', 'password=x', 415],
  ])('answers %s with %i, never 500', async (_case, type, body, status) => {
    const response = await request('/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': type, 'CF-Connecting-IP': `198.51.100.${status}` },
      body,
    })
    expect(response.status).toBe(status)
  })
})
