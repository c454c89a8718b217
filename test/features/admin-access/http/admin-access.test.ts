import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { adminRoutes } from '../../../../src/admin-app'
import { exampleAdminPasswordHash, hashPassword } from '../../../../src/features/admin-access/password'
import { requests } from '../../../../src/features/bookings/store/schema'
import { adminGet, adminPost, ownSignInLimiters, signIn } from '../../../helpers/admin'
import { contactFields, db, post, referenceFrom } from '../../../helpers/forms'
import { origin, request, requestWith, uniqueClientIp } from '../../../helpers/http'

/** A request of this test's own, under a name no other test uses. */
async function storeRequest() {
  const name = `Walker ${crypto.randomUUID()}`
  const reference = referenceFrom(await post('/contact', await contactFields({ name })))
  const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
  return { id: row!.id, name }
}

/** Every path the inbox routes (mounted at /admin), with parameters filled in from a real request. */
const adminPaths = (requestId: string) =>
  [...new Set(adminRoutes.routes.map((route) => `/admin${route.path === '/' ? '' : route.path}`).filter((path) => !path.includes('*')))].map((path) =>
    path.replace(':id', requestId).replace(':notificationId', crypto.randomUUID()),
  )

describe('nothing under /admin without signing in', () => {
  it('the app really has inbox routes to walk', () => {
    expect(adminPaths(crypto.randomUUID()).length).toBeGreaterThanOrEqual(10)
  })

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])('%s on every admin route: sign-in redirect, 401, 403 or 404, never data', async (method) => {
    const { id: requestId, name: secretName } = await storeRequest()
    for (const path of adminPaths(requestId).filter((p) => !p.startsWith('/admin/login'))) {
      const response = await request(path, {
        method,
        redirect: 'manual',
        headers:
          method === 'GET' || method === 'HEAD' ? {} : { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
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
  const login = (password: string, overrides: Partial<Env> = {}, url = '/admin/login', clientIp = uniqueClientIp()) =>
    requestWith({ ...ownSignInLimiters(), ...overrides }, url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: new URL(url, origin).origin,
        'Sec-Fetch-Site': 'same-origin',
        'Content-Type': 'application/x-www-form-urlencoded',
        'CF-Connecting-IP': clientIp,
      },
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
    const response = await requestWith(ownSignInLimiters(), '/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: origin,
        'Sec-Fetch-Site': 'same-origin',
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: first.cookie,
        'CF-Connecting-IP': uniqueClientIp(),
      },
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
    // The local limiter counts whole wall-clock minutes: 11 attempts always meet the limit of 5, and never fewer than 5 get through first.
    const limiters = ownSignInLimiters()
    const clientIp = uniqueClientIp()
    const statuses: number[] = []
    while (statuses.length < 11 && statuses.at(-1) !== 429) statuses.push((await login('guess', limiters, '/admin/login', clientIp)).status)
    expect(statuses.at(-1)).toBe(429)
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true)
    expect(statuses.length).toBeGreaterThan(5)
  })

  it('a deployed Worker refuses sign-in while its hash is the published example; locally it works', async () => {
    const deployed = await login('clinic-dev-password', { ADMIN_PASSWORD_HASH: exampleAdminPasswordHash })
    expect(deployed.status).toBe(503)
    expect(await deployed.text()).toContain('Sign-in is switched off until the inbox password is set')
    const local = await login('clinic-dev-password', { ADMIN_PASSWORD_HASH: exampleAdminPasswordHash }, 'http://localhost:8787/admin/login')
    expect(local.status).toBe(303)
  })

  it('a deployed Worker refuses sign-in while its hash is any fresh hash of the published password; locally it works', async () => {
    const published = { ADMIN_PASSWORD_HASH: await hashPassword('clinic-dev-password') }
    for (const typed of ['clinic-dev-password', 'any other guess']) {
      const deployed = await login(typed, published, 'https://clinic.example.com/admin/login')
      expect(deployed.status, typed).toBe(503)
      expect(deployed.headers.get('Set-Cookie'), typed).toBeNull()
      expect(await deployed.text(), typed).toContain('Sign-in is switched off until the inbox password is set')
    }
    const local = await login('clinic-dev-password', published, 'http://localhost:8787/admin/login')
    expect(local.status).toBe(303)
    expect(local.headers.get('Set-Cookie')).toMatch(/^clinic_admin=/)
  })

  it('never redirects outside the inbox after signing in', async () => {
    const response = await requestWith(ownSignInLimiters(), '/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': uniqueClientIp() },
      body: new URLSearchParams({ password: (await import('cloudflare:workers')).env.TEST_ADMIN_PASSWORD, next: '//evil.example/admin' }).toString(),
    })
    expect(response.headers.get('Location')).toBe('/admin')
  })
})

describe('state changes need the session’s CSRF token and this origin', () => {
  it('refuses a missing or wrong token with 403 and changes nothing', async () => {
    const { id: requestId } = await storeRequest()
    const session = await signIn()
    for (const csrf of ['', '0'.repeat(64)]) {
      const response = await adminPost({ ...session, csrf }, `/admin/requests/${requestId}/status`, { status: 'spam' })
      expect(response.status).toBe(403)
    }
    const [row] = await db().select().from(requests).where(eq(requests.id, requestId))
    expect(row!.status).toBe('new')
  })

  it('refuses a cross-site post even with the right token', async () => {
    const { id: requestId } = await storeRequest()
    const session = await signIn()
    const response = await request(`/admin/requests/${requestId}/status`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: session.csrf, status: 'spam' }).toString(),
    })
    expect(response.status).toBe(403)
    const [row] = await db().select().from(requests).where(eq(requests.id, requestId))
    expect(row!.status).toBe('new')
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
    const response = await requestWith(ownSignInLimiters(), '/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': type, 'CF-Connecting-IP': uniqueClientIp() },
      body,
    })
    expect(response.status).toBe(status)
  })
})
