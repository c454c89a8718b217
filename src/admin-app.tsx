import { Hono } from 'hono'
import {
  AccessSessionsPage,
  type AdminEnv,
  requireAdmin,
  requireCsrfToken,
  sessionRoutes,
  signOut,
  signOutEverywhere,
  usesAccess,
} from './features/admin-access'
import {
  articleEditorRoutes,
  articleListRoutes,
  articlePreviewRoutes,
  articlePublishingRoutes,
  imageAdminRoutes,
  limitImageUploadSize,
} from './features/articles'
import { agendaRoutes, appointmentRoutes, calendarFeedRoutes, findCalendarFallback, listAffectedAppointments, waitlistAdminRoutes } from './features/bookings'
import { deleteEveryInboxSearch, eraseRoutes, inboxRoutes, requestRoutes } from './features/inbox'
import { insightRoutes } from './features/insight'
import { currentSettings, settingsRoutes, withPractice } from './features/settings'
import { privatePage } from './platform/cache-control'
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
  .route('/erase', eraseRoutes)
  .route('/settings', settingsRoutes({ listAffectedAppointments, findCalendarFallback }))
  .route('/images', imageAdminRoutes)
  .route('/articles', articleListRoutes)
  .route('/articles', articlePublishingRoutes)
  .route('/articles', articlePreviewRoutes)
  .route('/articles', articleEditorRoutes)
