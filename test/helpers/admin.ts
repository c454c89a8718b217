import { env } from 'cloudflare:workers'
import { origin, request, requestWith } from './http'

export interface AdminSession {
  cookie: string
  csrf: string
}

const sameOrigin = { Origin: origin, 'Sec-Fetch-Site': 'same-origin' }
let loginClient = 0

/** Signs in with the test password through the real login form and reads the CSRF token off the inbox. */
export async function signIn(): Promise<AdminSession> {
  const response = await request('/admin/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { ...sameOrigin, 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': `192.0.2.${++loginClient % 250}` },
    body: new URLSearchParams({ password: env.TEST_ADMIN_PASSWORD, next: '/admin' }).toString(),
  })
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`)
  const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0]!
  const inbox = await (await request('/admin', { headers: { Cookie: cookie } })).text()
  const csrf = /name="csrf" value="([0-9a-f]{64})"/.exec(inbox)?.[1]
  if (!csrf) throw new Error('no CSRF token on the inbox page')
  return { cookie, csrf }
}

export const adminGet = (session: AdminSession, path: string) => request(path, { headers: { Cookie: session.cookie }, redirect: 'manual' })

/** A same-origin form POST as the signed-in practitioner, CSRF token included unless overridden. */
export function adminPost(session: AdminSession, path: string, fields: Record<string, string> = {}, overrides: Partial<Env> = {}) {
  const init: RequestInit = {
    method: 'POST',
    redirect: 'manual',
    headers: { ...sameOrigin, Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: session.csrf, ...fields }).toString(),
  }
  return Object.keys(overrides).length > 0 ? requestWith(overrides, path, init) : request(path, init)
}
