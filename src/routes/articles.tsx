import { Hono } from 'hono'
import { articles, findArticle, renderArticleHtml } from '../content/articles'
import type { AppEnv } from '../env'
import { publicPage } from '../lib/cache-control'
import { ArticleIndexPage } from '../views/pages/ArticleIndexPage'
import { ArticlePage } from '../views/pages/ArticlePage'

export const articleRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    c.header('Cache-Control', publicPage)
    return c.html(<ArticleIndexPage articles={articles} />)
  })
  .get('/:slug', (c) => {
    const article = findArticle(c.req.param('slug'))
    if (!article) return c.notFound()
    c.header('Cache-Control', publicPage)
    return c.html(<ArticlePage article={article} html={renderArticleHtml(article)} />)
  })
