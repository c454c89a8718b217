import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../../../src/features/admin-access/password'
import { adminSessions } from '../../../../src/features/admin-access/store/schema'
import { inboxSearches } from '../../../../src/features/inbox/store/schema'
import { adminGet, adminPost, ownSignInLimiters, sessionRowId, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { origin, request, requestWith, uniqueClientIp } from '../../../helpers/http'
import { filterIdOf, searchInbox } from '../../../helpers/inbox-search'

const inboxWith = (overrides: Partial<Env>, cookie: string) => requestWith(overrides, '/admin', { headers: { Cookie: cookie }, redirect: 'manual' })

const loginWith = (overrides: Partial<Env>, password: string) =>
  requestWith({ ...ownSignInLimiters(), ...overrides }, '/admin/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': uniqueClientIp() },
    body: new URLSearchParams({ password, next: '/admin' }).toString(),
  })

describe('sessions end when they should', () => {
  it('a session is refused once its 8 hours are over', async () => {
    const session = await signIn()
    expect((await adminGet(session, '/admin')).status).toBe(200)
    const signedInAt = new Date(Date.UTC(2026, 0, 5, 9, 0, 0))
    await db()
      .update(adminSessions)
      .set({ createdAt: signedInAt, expiresAt: new Date(signedInAt.getTime() + 8 * 60 * 60 * 1000) })
      .where(eq(adminSessions.id, await sessionRowId(session)))
    const response = await adminGet(session, '/admin')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/login?next=%2Fadmin')
  })

  it('a new ADMIN_PASSWORD_HASH ends every session started under the old one', async () => {
    const session = await signIn()
    expect((await inboxWith({}, session.cookie)).status).toBe(200)
    const newPassword = 'a-new-inbox-password-4567'
    const changed = { ADMIN_PASSWORD_HASH: await hashPassword(newPassword) }
    const refused = await inboxWith(changed, session.cookie)
    expect(refused.status).toBe(303)
    expect(refused.headers.get('Location')).toBe('/admin/login?next=%2Fadmin')

    const signedIn = await loginWith(changed, newPassword)
    expect(signedIn.status).toBe(303)
    const cookie = (signedIn.headers.get('Set-Cookie') ?? '').split(';')[0]!
    expect((await inboxWith(changed, cookie)).status).toBe(200)
  })

  it('the session row keeps a fingerprint of the password hash, never the hash itself', async () => {
    const session = await signIn()
    const [row] = await db()
      .select()
      .from(adminSessions)
      .where(eq(adminSessions.id, await sessionRowId(session)))
    expect(row!.credentialFingerprint).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('signing out everywhere', () => {
  it('the inbox offers it beside signing out, as a form carrying the CSRF token', async () => {
    const session = await signIn()
    const html = await (await adminGet(session, '/admin')).text()
    expect(html).toContain(
      `<form method="post" action="/admin/logout/everywhere" class="inline"><input type="hidden" name="csrf" value="${session.csrf}"/><button type="submit" class="link-button">Sign out everywhere</button></form>`,
    )
  })

  it('ends every session, the one that asked and the others, and says so on the login page', async () => {
    const phone = await signIn()
    const desk = await signIn()
    const response = await adminPost(phone, '/admin/logout/everywhere')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/login?signed-out=everywhere')
    expect(response.headers.get('Set-Cookie')).toMatch(/^clinic_admin=; Max-Age=0/)
    expect((await adminGet(phone, '/admin')).status).toBe(303)
    expect((await adminGet(desk, '/admin')).status).toBe(303)
    const login = await request('/admin/login?signed-out=everywhere')
    expect(await login.text()).toContain('You are signed out everywhere')
    expect((await adminGet(await signIn(), '/admin')).status).toBe(200)
  })

  it('forgets every saved search with the sessions', async () => {
    const session = await signIn()
    const id = filterIdOf(await searchInbox(session, { q: 'someone@example.com' }))
    expect(await db().select().from(inboxSearches).where(eq(inboxSearches.id, id))).toHaveLength(1)
    await adminPost(session, '/admin/logout/everywhere')
    expect(await db().select().from(inboxSearches)).toEqual([])
  })

  it('without the CSRF token it is refused and every session stays', async () => {
    const phone = await signIn()
    const desk = await signIn()
    expect((await adminPost({ ...phone, csrf: '' }, '/admin/logout/everywhere')).status).toBe(403)
    expect((await adminGet(phone, '/admin')).status).toBe(200)
    expect((await adminGet(desk, '/admin')).status).toBe(200)
  })

  it('the login page shows no sign-out message otherwise', async () => {
    expect(await (await request('/admin/login')).text()).not.toContain('signed out everywhere')
  })
})

describe('the practitioner’s own reading is not counted', () => {
  it('signing in marks the browser for every page, signing out takes the mark away', async () => {
    const response = await requestWith(ownSignInLimiters(), '/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': uniqueClientIp() },
      body: new URLSearchParams({ password: env.TEST_ADMIN_PASSWORD, next: '/admin' }).toString(),
    })
    expect(response.status).toBe(303)
    const mark = response.headers.getSetCookie().find((cookie) => cookie.startsWith('clinic_uncounted='))
    expect(mark).toMatch(/^clinic_uncounted=1; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax$/)

    const session = await signIn()
    const out = await adminPost(session, '/admin/logout')
    expect(out.headers.getSetCookie().find((cookie) => cookie.startsWith('clinic_uncounted='))).toMatch(/Max-Age=0; Path=\/;/)
  })
})
