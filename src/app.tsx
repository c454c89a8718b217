import { type Context, type ErrorHandler, Hono, type NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { routePath } from 'hono/route'
import { articleRoutes, feedRoutes, imageRoutes, previewRoutes } from './features/articles'
import { bookingRoutes, calendarRoutes, contactRoutes, manageRoutes, privateLinkHeaders, waitlistJoinRoutes, waitlistPageRoutes } from './features/bookings'
import { currentSettings, withPractice } from './features/settings'
import { pageRoutes } from './features/site'
import { methodsByPath } from './platform/allowed-methods'
import { privatePage } from './platform/cache-control'
import { withDatabase } from './platform/database'
import type { AppEnv } from './platform/env'
import { describeError, logEvent } from './platform/log'
import { wantsJson } from './platform/negotiation'
import { Refusal } from './platform/refusal'
import { emailPreviewHeaders, securityHeaders } from './platform/security-headers'
import { turnstileKeys, turnstileOrigin } from './platform/turnstile'
import { pages } from './public-pages'
import { MethodNotAllowedPage, NotFoundPage, ServerErrorPage, StatusPage } from './ui/StatusPage'

export const app = new Hono<AppEnv>()

app.route('/images', imageRoutes) // ahead of the page cache: see routes/images.ts

// The cache is outermost so a hit (200 or 304) skips the per-request header
// work: it replays the security headers the page's first render got, while
// first renders, errors and every uncached route pass through securityHeaders().
// The CSP varies only with TURNSTILE_SITE_KEY, and the cache lives in one
// isolate, which runs one deployment with one env: a hit always carries the
// policy of the configuration it is served under.
app.use(pages.store)
// Before securityHeaders, so it runs after them: the patient's page replaces their Referrer-Policy.
app.use('/manage/*', privateLinkHeaders())
app.use('/preview/*', privateLinkHeaders())
app.use('/calendar/*', privateLinkHeaders())
app.use('/waitlist/*', privateLinkHeaders())
// Likewise the inbox's email previews frame each email's HTML, which has a policy of its own.
app.use('/admin/emails/*', emailPreviewHeaders())
app.use('/admin/emails', emailPreviewHeaders())
app.use(securityHeaders({ scriptOrigin: (c) => (c.env && turnstileKeys(c.env) ? turnstileOrigin : undefined) }))
// Inside the page cache, so a hit skips it; every route below reads c.var.db. The inbox's app
// (src/admin-app.tsx) opens its own session and carries the inbox's bookmark itself.
app.use(withDatabase())

app.route('/', pageRoutes)
app.route('/articles', articleRoutes)
app.route('/', feedRoutes)
app.route('/contact', contactRoutes)
app.route('/book', bookingRoutes)
app.all('/admin/*', answerAdmin)
app.route('/manage', manageRoutes())
app.route('/waitlist/join', waitlistJoinRoutes())
app.route('/waitlist', waitlistPageRoutes())
app.route('/preview', previewRoutes())
app.route('/calendar', calendarRoutes())

/** A 404 page, or a 405 with an Allow header for a path known under other methods. */
const answerNotFound =
  (allowedAt: (path: string) => string[]): NotFoundHandler<AppEnv> =>
  (c) => {
    c.header('Cache-Control', privatePage)
    const allowed = allowedAt(c.req.path)
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '))
      return c.html(withPractice(currentSettings(), <MethodNotAllowedPage path={c.req.path} />), 405)
    }
    return c.html(withPractice(currentSettings(), <NotFoundPage path={c.req.path} />), 404)
  }

const answerError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof Refusal) return answerRefusal(c, error)
  if (error instanceof HTTPException) return answerRefusal(c, new Refusal(400, 'Bad request', 'The request could not be understood.'))
  // The matched route's pattern, never the path: /manage/<token>, /calendar/<secret>.ics and preview links are secrets.
  logEvent('error', 'unhandled_error', { route: routePath(c, -1), method: c.req.method, error: describeError(error) })
  c.header('Cache-Control', privatePage)
  return c.html(withPractice(currentSettings(), <ServerErrorPage path={c.req.path} />), 500)
}

app.notFound(answerNotFound(methodsByPath(app.routes)))
app.onError(answerError)

/**
 * The inbox (src/admin-app.tsx) is evaluated on the isolate's first /admin
 * request, so an isolate serving only public pages never runs its code (nor
 * the editor's, the export's...). It answers in a context of its own, inside
 * this app's middleware (security headers), with this app's 404 and error pages.
 */
let adminApp: Promise<Hono<AppEnv>> | undefined
function answerAdmin(c: Context<AppEnv>): Promise<Response> {
  adminApp ??= import('./admin-app').then(({ createAdminApp }) => createAdminApp({ notFound: answerNotFound, onError: answerError }))
  return adminApp.then((admin) => admin.fetch(c.req.raw, c.env, executionContextOf(c)))
}

/** Hono's getter throws when the app is called without one (tests calling `app.request`). */
function executionContextOf(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx as ExecutionContext
  } catch {
    return undefined
  }
}

function answerRefusal(c: Context<AppEnv>, refusal: Refusal) {
  c.header('Cache-Control', privatePage)
  for (const [name, value] of Object.entries(refusal.headers)) c.header(name, value)
  if (wantsJson(c)) return c.json({ error: refusal.message }, refusal.status)
  return c.html(
    withPractice(
      currentSettings(),
      <StatusPage title={refusal.title} path={c.req.path}>
        <p>{refusal.message}</p>
      </StatusPage>,
    ),
    refusal.status,
  )
}
