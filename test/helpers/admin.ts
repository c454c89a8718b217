import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import type { AdminEnv } from '../../src/features/admin-access/auth'
import { withDatabase } from '../../src/platform/database'
import { Refusal } from '../../src/platform/refusal'
import { wrapBinding } from './bindings'
import { origin, request, requestWith, uniqueClientIp } from './http'

export interface AdminSession {
  cookie: string
  csrf: string
}

const sameOrigin = { Origin: origin, 'Sec-Fetch-Site': 'same-origin' }

/**
 * The real sign-in limiters with every key prefixed by one of their own, so
 * the sign-ins of one test never count towards another's site-wide allowance.
 */
export function ownSignInLimiters(): Pick<Env, 'LOGIN_RATE_LIMITER' | 'LOGIN_SITE_RATE_LIMITER'> {
  const prefix = `sign-in-${crypto.randomUUID()}|`
  const prefixed = (limiter: RateLimit) => wrapBinding(limiter, { limit: (options) => limiter.limit({ ...options, key: prefix + options.key }) })
  return { LOGIN_RATE_LIMITER: prefixed(env.LOGIN_RATE_LIMITER), LOGIN_SITE_RATE_LIMITER: prefixed(env.LOGIN_SITE_RATE_LIMITER) }
}

/** Signs in with the test password through the real login form and reads the CSRF token off the inbox. */
export async function signIn(): Promise<AdminSession> {
  const response = await requestWith(ownSignInLimiters(), '/admin/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { ...sameOrigin, 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': uniqueClientIp() },
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

const appointmentForm = /^\/admin\/requests\/([^/]+)\/(propose|confirm|move|decline|cancel|outcome)$/

/**
 * The hidden revision an appointment form posts, read off the request page as
 * it stands now (as a browser posts the form it was just shown); none when the
 * page offers no appointment form. A test of a stale page gives its own.
 */
async function revisionOnPage(session: AdminSession, path: string, fields: Record<string, string>): Promise<Record<string, string>> {
  const id = appointmentForm.exec(path)?.[1]
  if (id === undefined || 'revision' in fields) return {}
  const page = await (await adminGet(session, `/admin/requests/${id}`)).text()
  const revision = /name="revision" value="(\d+)"/.exec(page)?.[1]
  return revision === undefined ? {} : { revision }
}

/** A same-origin form POST as the signed-in practitioner, CSRF token (and an appointment form's revision) included unless overridden. */
export async function adminPost(session: AdminSession, path: string, fields: Record<string, string> = {}, overrides: Partial<Env> = {}) {
  const init: RequestInit = {
    method: 'POST',
    redirect: 'manual',
    headers: { ...sameOrigin, Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: session.csrf, ...(await revisionOnPage(session, path, fields)), ...fields }).toString(),
  }
  return Object.keys(overrides).length > 0 ? requestWith(overrides, path, init) : request(path, init)
}

/** The admin_sessions id of a signed-in session: the SHA-256 of the token inside its signed cookie. */
export async function sessionRowId(session: AdminSession): Promise<string> {
  const token = decodeURIComponent(session.cookie.slice(session.cookie.indexOf('=') + 1)).split('.')[0]!
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * A signed-in inbox's routes mounted at /admin with their clock fixed, over the
 * real bindings (`bindings` replaces some, e.g. a queue wrapped to record its
 * sends): `routes` is built by a route factory given that clock, so a page
 * that depends on today is judged on a day of the test's choosing.
 */
export function adminAt(routes: Hono<AdminEnv>, mountedAt: string, bindings: Partial<Env> = {}) {
  const app = new Hono<AdminEnv>()
    .use(withDatabase())
    .use(async (c, next) => {
      c.set('admin', 'practitioner')
      c.set('csrfToken', 'fixed-clock-test')
      await next()
    })
    .route(mountedAt, routes)
    // A refusal answers as the Worker's own error handler does: its status and its message.
    .onError((error, c) => (error instanceof Refusal ? c.text(error.message, error.status) : c.text('unexpected', 500)))
  const url = (path: string) => new URL(path, origin).href
  const withBindings = { ...env, ...bindings }
  return {
    get: (path: string) => app.request(url(path), {}, withBindings),
    /** A form POST, unguarded: the fixed-clock routes run without the sign-in and CSRF middleware in front of them. */
    post: (path: string, fields: Record<string, string>) =>
      app.request(
        url(path),
        { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() },
        withBindings,
      ),
  }
}
