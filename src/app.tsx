import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env'
import { privatePage } from './lib/cache-control'
import { pageCache } from './lib/page-cache'
import { securityHeaders } from './lib/security-headers'
import { articleRoutes } from './routes/articles'
import { feedRoutes } from './routes/feeds'
import { pageRoutes } from './routes/pages'
import { NotFoundPage, ServerErrorPage } from './views/pages/StatusPage'

export const app = new Hono<AppEnv>()

app.use(securityHeaders())
app.use(pageCache())

app.route('/', pageRoutes)
app.route('/articles', articleRoutes)
app.route('/', feedRoutes)

app.notFound((c) => {
  c.header('Cache-Control', privatePage)
  return c.html(<NotFoundPage path={c.req.path} />, 404)
})

app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse()
  console.error(JSON.stringify({ event: 'unhandled_error', path: c.req.path, method: c.req.method, message: String(error) }))
  c.header('Cache-Control', privatePage)
  return c.html(<ServerErrorPage path={c.req.path} />, 500)
})
