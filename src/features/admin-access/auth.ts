import type { BatchItem } from 'drizzle-orm/batch'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/env'
import { Refusal } from '../../platform/refusal'
import { hmacHex, sameText } from '../../platform/signing'
import { verifyAccessToken } from './access'
import { endAllSessions, endSession, isSessionActive, sessionLifetimeMs, startSession } from './store/sessions'

const sessionCookie = 'clinic_admin'

/**
 * Sent with every page while the practitioner is signed in, so their own
 * reading of the public pages is not counted (the session cookie itself is
 * sent to /admin only). It holds nothing: its presence is the whole message,
 * and anyone who sets it only leaves themselves out of the counts.
 */
export const uncountedCookie = 'clinic_uncounted'

/** Cloudflare Access's own cookie on this host: a practitioner signed in through Access is not counted either. */
export const accessCookie = 'CF_Authorization'

interface AdminVariables {
  /** Who is signed in: the Access email, or "practitioner" for the password. */
  admin: string
  /** The token every state-changing form of this session must echo. */
  csrfToken: string
}

/** What every route behind the sign-in wall sees: the app's bindings and variables, and who is signed in. */
export interface AdminEnv extends AppEnv {
  Variables: AppEnv['Variables'] & AdminVariables
}

type AdminContext = Context<AdminEnv>

export function sessionSecret(env: Env): string {
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 16) throw new Error('SESSION_SECRET is not set (at least 16 characters)')
  return env.SESSION_SECRET
}

export const usesAccess = (env: Env): boolean => Boolean(env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD)

const cookieOptions = { httpOnly: true, secure: true, sameSite: 'Strict', path: '/admin' } as const
const uncountedOptions = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const

/**
 * Stands for the current ADMIN_PASSWORD_HASH in each session row, so setting a
 * new hash ends every older session. Keyed with SESSION_SECRET, so a copy of
 * the table reveals nothing about the hash.
 */
const credentialFingerprint = async (env: Env) => (await hmacHex(sessionSecret(env), `credential:${env.ADMIN_PASSWORD_HASH ?? ''}`)).slice(0, 32)

export async function signIn<E extends AppEnv>(c: Context<E>): Promise<void> {
  const previous = await getSignedCookie(c, sessionSecret(c.env), sessionCookie)
  const db = c.var.db
  if (previous) await endSession(db, previous)
  const token = await startSession(db, new Date(), await credentialFingerprint(c.env))
  await setSignedCookie(c, sessionCookie, token, sessionSecret(c.env), { ...cookieOptions, maxAge: sessionLifetimeMs / 1000 })
  setCookie(c, uncountedCookie, '1', { ...uncountedOptions, maxAge: sessionLifetimeMs / 1000 })
}

export async function signOut<E extends AppEnv>(c: Context<E>): Promise<void> {
  const token = await getSignedCookie(c, sessionSecret(c.env), sessionCookie)
  if (token) await endSession(c.var.db, token)
  deleteCookie(c, sessionCookie, cookieOptions)
  deleteCookie(c, uncountedCookie, uncountedOptions)
}

/**
 * Ends every password session, this one included: a lost phone or a shared
 * computer is signed out too. `alongWith` are written in the same batch.
 */
export async function signOutEverywhere<E extends AppEnv>(c: Context<E>, alongWith: readonly BatchItem<'sqlite'>[] = []): Promise<void> {
  await endAllSessions(c.var.db, alongWith)
  deleteCookie(c, sessionCookie, cookieOptions)
  deleteCookie(c, uncountedCookie, uncountedOptions)
}

/** Who is asking, and the session key their CSRF token is bound to; null when not signed in. */
async function identify(c: AdminContext): Promise<{ admin: string; binding: string } | null> {
  if (usesAccess(c.env)) {
    const token = c.req.header('Cf-Access-Jwt-Assertion')
    const email = await verifyAccessToken(token, { teamDomain: c.env.ACCESS_TEAM_DOMAIN, audience: c.env.ACCESS_AUD })
    return email ? { admin: email, binding: `access:${email}` } : null
  }
  const token = await getSignedCookie(c, sessionSecret(c.env), sessionCookie)
  if (!token || !(await isSessionActive(c.var.db, token, new Date(), await credentialFingerprint(c.env)))) return null
  return { admin: 'practitioner', binding: `session:${token}` }
}

/**
 * Lets a request through only when signed in. Pages send the visitor to the
 * login page; anything else gets 401, or 403 behind Access (where signing in
 * happens before the Worker).
 */
export function requireAdmin(): MiddlewareHandler<AdminEnv> {
  return async function adminOnly(c, next) {
    const identity = await identify(c)
    if (!identity) {
      if (usesAccess(c.env)) throw new Refusal(403, 'Not signed in', 'Sign in through Cloudflare Access to open the inbox.')
      if (c.req.method === 'GET') return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303)
      throw new Refusal(401, 'Not signed in', 'Your session has ended. Sign in again to continue.')
    }
    c.set('admin', identity.admin)
    c.set('csrfToken', await hmacHex(sessionSecret(c.env), `csrf:${identity.binding}`))
    await next()
  }
}

/**
 * Every state-changing admin request must echo the session's CSRF token
 * (forms carry it hidden); runs after requireAdmin, which derives the token.
 */
export function requireCsrfToken(): MiddlewareHandler<AdminEnv> {
  return async function csrfToken(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const form = await c.req.formData().catch(() => undefined)
    const sent = form?.get('csrf')
    if (typeof sent !== 'string' || !sameText(sent, c.get('csrfToken'))) {
      throw new Refusal(403, 'Request refused', 'This page was out of date. Go back, reload it, and try again.')
    }
    await next()
  }
}
