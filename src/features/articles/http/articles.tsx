import { Hono } from 'hono'
import { publicPage } from '../../../platform/cache-control'
import type { AppEnv } from '../../../platform/env'
import { Refusal } from '../../../platform/refusal'
import { StatusPage } from '../../../ui/StatusPage'
import { currentSettings, withPractice } from '../../settings'
import { toArticle } from '../article'
import { articleHtml } from '../article-html'
import { findArticleBySlug, findArticleRedirect, listPublishedArticles } from '../store/articles'
import { ArticleIndexPage } from '../views/ArticleIndexPage'
import { ArticlePage } from '../views/ArticlePage'

export const articleRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await listPublishedArticles(c.var.db)
    c.header('Cache-Control', publicPage)
    const settings = currentSettings()
    return c.html(withPractice(settings, <ArticleIndexPage articles={rows.map(toArticle)} author={settings} />))
  })
  .get('/:slug', async (c) => {
    const db = c.var.db
    const slug = c.req.param('slug')
    const row = await findArticleBySlug(db, slug)
    if (row?.state === 'published') {
      const body = await articleHtml(db, row)
      // Answered like any refusal, never cached: the article shows again once its text is fixed.
      if (!body.ok)
        throw new Refusal(
          503,
          'This article cannot be shown',
          'Sorry, this article cannot be shown at the moment. The other articles are at /articles, and you are always welcome to ask us.',
        )
      c.header('Cache-Control', publicPage)
      const settings = currentSettings()
      return c.html(withPractice(settings, <ArticlePage article={toArticle(row)} html={body.html} author={settings} />))
    }
    if (row?.state === 'archived') {
      c.header('Cache-Control', publicPage)
      return c.html(
        withPractice(
          currentSettings(),
          <StatusPage title="This article has been withdrawn" path={c.req.path}>
            <p>The article that was here is no longer published. Other articles may help, and you are always welcome to ask.</p>
            <ul>
              <li>
                <a href="/articles">All articles</a>
              </li>
              <li>
                <a href="/contact">Ask a question</a>
              </li>
              <li>
                <a href="/book">Book an appointment</a>
              </li>
            </ul>
          </StatusPage>,
        ),
        410,
      )
    }
    const current = row ? undefined : await findArticleRedirect(db, slug)
    if (current) {
      c.header('Cache-Control', publicPage)
      return c.redirect(`/articles/${current}`, 301)
    }
    return c.notFound()
  })
