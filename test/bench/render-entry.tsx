/**
 * Bench-only Worker: the article route of src/routes/articles.tsx with the
 * same security headers but without the page cache, so every request renders
 * the JSX (the Markdown's HTML is kept per isolate, as on the site). The site
 * has no cache bypass (the cache is keyed by path and lives in isolate
 * memory), hence this second entry. run.ts checks it answers the same bytes
 * as the site Worker.
 */
import { Hono } from 'hono'
import { findArticle, renderArticleHtml } from '../../src/content/articles.ts'
import { publicPage } from '../../src/lib/cache-control.ts'
import { securityHeaders } from '../../src/lib/security-headers.ts'
import { ArticlePage } from '../../src/views/pages/ArticlePage.tsx'

const app = new Hono()

app.use(securityHeaders())

app.get('/articles/:slug', (c) => {
  const article = findArticle(c.req.param('slug'))
  if (!article) return c.notFound()
  c.header('Cache-Control', publicPage)
  return c.html(<ArticlePage article={article} html={renderArticleHtml(article)} />)
})

export default app
