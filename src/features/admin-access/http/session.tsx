import { Hono } from 'hono'
import type { AppEnv } from '../../../platform/env'
import { limitBodySize, rateLimitPerClient, rateLimitSiteWide, requireFormContentType } from '../../../platform/guards'
import { Refusal } from '../../../platform/refusal'
import { currentSettings, withPractice } from '../../settings'
import { signIn, usesAccess } from '../auth'
import { isPublishedPasswordHash, verifyPassword } from '../password'
import { LoginPage } from '../views/LoginPage'

/** Only a path inside the inbox, so the login form cannot be used to redirect elsewhere. */
const safeNext = (value: unknown) => (typeof value === 'string' && /^\/admin(\/[\w\-./]*)?$/.test(value) ? value : '/admin')

const isLocal = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname)

const busySignIn = 'There have been unusually many sign-in attempts on this site just now. Please wait a minute and try again.'

export const sessionRoutes = new Hono<AppEnv>()
  .get('/login', (c) => {
    if (usesAccess(c.env)) return c.redirect('/admin', 303)
    return c.html(
      withPractice(currentSettings(), <LoginPage next={safeNext(c.req.query('next'))} signedOutEverywhere={c.req.query('signed-out') === 'everywhere'} />),
    )
  })
  .post(
    '/login',
    requireFormContentType(),
    limitBodySize(),
    rateLimitPerClient('login', (env) => env.LOGIN_RATE_LIMITER),
    rateLimitSiteWide('login', (env) => env.LOGIN_SITE_RATE_LIMITER, busySignIn),
    async (c) => {
      if (usesAccess(c.env)) throw new Refusal(404, 'Page not found', 'Sign in through Cloudflare Access.')
      const form = await c.req.formData().catch(() => {
        throw new Refusal(400, 'Could not read the form', 'The sign-in form could not be read. Reload the page and try again.')
      })
      const next = safeNext(form.get('next'))
      const password = form.get('password')
      const hash = c.env.ADMIN_PASSWORD_HASH
      if (!hash || (!isLocal(c.req.url) && (await isPublishedPasswordHash(hash)))) {
        // A deployed Worker whose hash lets in the published local password would let anyone in.
        return c.html(
          withPractice(
            currentSettings(),
            <LoginPage next={next} error="Sign-in is switched off until the inbox password is set (see the README: npm run admin:hash)." />,
          ),
          503,
        )
      }
      if (typeof password !== 'string' || password.length > 1024 || !(await verifyPassword(password, hash))) {
        return c.html(withPractice(currentSettings(), <LoginPage next={next} error="That password is not right." />), 401)
      }
      await signIn(c)
      return c.redirect(next, 303)
    },
  )
