/**
 * Bench-only Worker: the site's article routes (src/features/articles/http/articles.tsx) with
 * the same security headers but without the page cache, so every request
 * does what a view in an isolate with every cache cold does: read the
 * article's row from D1 and wrap its stored HTML in the layout's JSX. The site
 * has no cache bypass (the cache is keyed by path and lives in isolate
 * memory), hence this second entry. servers.ts checks it answers the same
 * bytes as the site Worker.
 */
import { Hono } from 'hono'
import { articleRoutes } from '../../src/features/articles/http/articles.tsx'
import { withDatabase } from '../../src/platform/database.ts'
import type { AppEnv } from '../../src/platform/env.ts'
import { securityHeaders } from '../../src/platform/security-headers.ts'

const app = new Hono<AppEnv>()

app.use(securityHeaders())
app.use(withDatabase())
app.route('/articles', articleRoutes)

export default app
