import { Hono } from 'hono'
import { requireAdmin, requireCsrfToken, signOut, signOutEverywhere, usesAccess, type AdminVariables } from '../../admin/auth'
import { privatePage } from '../../lib/cache-control'
import { requireSameOrigin } from '../../requests/guards'
import { AccessSessionsPage } from '../../views/pages/admin/AccessSessionsPage'
import { agendaRoutes } from './agenda'
import { calendarFeedRoutes } from './calendar'
import { articleListRoutes } from './article-list'
import { articlePreviewRoutes } from './article-preview'
import { articlePublishingRoutes } from './article-publishing'
import { appointmentRoutes } from './appointment'
import { articleRoutes } from './articles'
import { eraseRoutes } from './erase'
import { imageAdminRoutes, limitImageUploadSize } from './images'
import { inboxRoutes } from './inbox'
import { insightRoutes } from './insight'
import { requestRoutes } from './request'
import { sessionRoutes } from './session'
import { settingsRoutes } from './settings'

type AdminEnv = { Bindings: Env; Variables: AdminVariables }

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
    if (usesAccess(c.env)) return c.html(<AccessSessionsPage csrfToken={c.get('csrfToken')} />)
    await signOutEverywhere(c)
    return c.redirect('/admin/login?signed-out=everywhere', 303)
  })
  .route('/', inboxRoutes)
  .route('/requests', requestRoutes)
  .route('/requests', appointmentRoutes)
  .route('/agenda', agendaRoutes)
  .route('/insight', insightRoutes)
  .route('/calendar', calendarFeedRoutes)
  .route('/erase', eraseRoutes)
  .route('/settings', settingsRoutes)
  .route('/images', imageAdminRoutes)
  .route('/articles', articleListRoutes)
  .route('/articles', articlePublishingRoutes)
  .route('/articles', articlePreviewRoutes)
  .route('/articles', articleRoutes)
