import { strToU8, zipSync } from 'fflate'
import { Hono } from 'hono'
import { zonedDate } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { currentSettings } from '../../settings'
import { exportedArticle, formatArticleFile } from '../export'
import { findArticleById, listAllArticles } from '../store/article-publishing'
import { articleNotFound } from './admin-article-revisions'

const attachment = (name: string, type: string) => ({
  'Content-Type': type,
  'Content-Disposition': `attachment; filename="${name}"`,
  'Cache-Control': 'no-store',
})

/** Articles as Markdown files in the repository's format, to keep or commit back. */
export const articleExportRoutes = new Hono<AdminEnv>()
  .get('/export.zip', async (c) => {
    const now = new Date()
    const files = Object.fromEntries(
      (await listAllArticles(c.var.db)).map((article) => [
        `${article.slug}.md`,
        strToU8(formatArticleFile(exportedArticle(article, now, currentSettings().timeZone))),
      ]),
    )
    return c.body(zipSync(files), 200, attachment(`articles-${zonedDate(now, currentSettings().timeZone)}.zip`, 'application/zip'))
  })
  .get('/:id/export.md', async (c) => {
    const article = await findArticleById(c.var.db, c.req.param('id'))
    if (!article) throw articleNotFound()
    const file = formatArticleFile(exportedArticle(article, new Date(), currentSettings().timeZone))
    return c.body(file, 200, attachment(`${article.slug}.md`, 'text/markdown; charset=utf-8'))
  })
