import { type ErrorHandler, Hono, type NotFoundHandler } from 'hono'
import type { AdminEnv } from './features/admin-access'
import { AccessSessionsPage, requireAdmin, requireCsrfToken, sessionRoutes, signOut, signOutEverywhere, usesAccess } from './features/admin-access/admin'
import {
  articleEditorRoutes,
  articleListRoutes,
  articlePreviewRoutes,
  articlePublishingRoutes,
  imageAdminRoutes,
  limitImageUploadSize,
} from './features/articles/admin'
import {
  agendaRoutes,
  appointmentRoutes,
  calendarFeedRoutes,
  emailPreviewRoutes,
  findCalendarFallback,
  listAffectedAppointments,
  waitlistAdminRoutes,
} from './features/bookings/admin'
import { deleteEveryInboxSearch, eraseRoutes, inboxRoutes, requestRoutes } from './features/inbox/admin'
import { insightRoutes } from './features/insight/admin'
import { currentSettings, withPractice } from './features/settings'
import { settingsRoutes } from './features/settings/admin'
import { methodsByPath } from './platform/allowed-methods'
import { privatePage } from './platform/cache-control'
import { withDatabase } from './platform/database'
import type { AppEnv } from './platform/env'
import { requireSameOrigin } from './platform/guards'

/** Everything under /admin is private: never cached, never indexed, same-origin posts only. */
export const adminRoutes = new Hono<AdminEnv>()
  .use(async function privateHeaders(c, next) {
    await next()
    c.header('Cache-Control', privatePage)
    c.header('X-Robots-Tag', 'noindex, nofollow')
  })
  .use(async function sameOriginPosts(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return requireSameOrigin()(c, next)
  })
  .route('/', sessionRoutes)
  .use('/images', limitImageUploadSize())
  .use(requireAdmin(), requireCsrfToken())
  .post('/logout', async (c) => {
    await signOut(c)
    return c.redirect('/admin/login', 303)
  })
  .post('/logout/everywhere', async (c) => {
    if (usesAccess(c.env)) return c.html(withPractice(currentSettings(), <AccessSessionsPage csrfToken={c.get('csrfToken')} />))
    await signOutEverywhere(c, [deleteEveryInboxSearch(c.var.db)])
    return c.redirect('/admin/login?signed-out=everywhere', 303)
  })
  .route('/', inboxRoutes)
  .route('/requests', requestRoutes)
  .route('/requests', appointmentRoutes)
  .route('/agenda', agendaRoutes)
  .route('/waitlist', waitlistAdminRoutes)
  .route('/insight', insightRoutes)
  .route('/calendar', calendarFeedRoutes)
  .route('/emails', emailPreviewRoutes)
  .route('/erase', eraseRoutes)
  .route('/settings', settingsRoutes({ listAffectedAppointments, findCalendarFallback }))
  .route('/images', imageAdminRoutes)
  .route('/articles', articleListRoutes)
  .route('/articles', articlePublishingRoutes)
  .route('/articles', articlePreviewRoutes)
  .route('/articles', articleEditorRoutes)

/** How the public app answers what no route takes, given the methods each path allows, and what fails. */
export interface PublicAnswers {
  notFound: (allowedAt: (path: string) => string[]) => NotFoundHandler<AppEnv>
  onError: ErrorHandler<AppEnv>
}

/**
 * The inbox as an app of its own under /admin, which src/app.tsx loads with
 * `import()` on the first /admin request. It runs in a context of its own, so
 * it puts the database on it itself, and answers a missing route (404, or 405
 * with the methods its own routes allow) and an error as the public app does.
 */
export function createAdminApp(answers: PublicAnswers): Hono<AppEnv> {
  const admin = new Hono<AppEnv>()
    .basePath('/admin')
    .use(withDatabase({ bookmarkPath: '/admin' }))
    .route('/', adminRoutes)
  return admin.notFound(answers.notFound(methodsByPath(admin.routes))).onError(answers.onError)
}
