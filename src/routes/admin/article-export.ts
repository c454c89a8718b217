import { strToU8, zipSync } from 'fflate'
import { Hono } from 'hono'
import type { AdminVariables } from '../../admin/auth'
import { currentSettings } from '../../settings/current'
import { exportedArticle, formatArticleFile } from '../../content/export'
import { findArticleById, listAllArticles } from '../../db/article-publishing'
import { createDb } from '../../db/client'
import { zonedDate } from '../../lib/time-zone'
import { articleNotFound } from './article-revisions'

type AdminEnv = { Bindings: Env; Variables: AdminVariables }

const attachment = (name: string, type: string) => ({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' })

/** Articles as Markdown files in the repository's format, to keep or commit back. */
export const articleExportRoutes = new Hono<AdminEnv>()
  .get('/export.zip', async (c) => {
    const now = new Date()
    const files = Object.fromEntries(
      (await listAllArticles(createDb(c.env.DB))).map((article) => [`${article.slug}.md`, strToU8(formatArticleFile(exportedArticle(article, now, currentSettings().timeZone)))]),
    )
    return c.body(zipSync(files), 200, attachment(`articles-${zonedDate(now, currentSettings().timeZone)}.zip`, 'application/zip'))
  })
  .get('/:id/export.md', async (c) => {
    const article = await findArticleById(createDb(c.env.DB), c.req.param('id'))
    if (!article) throw articleNotFound()
    const file = formatArticleFile(exportedArticle(article, new Date(), currentSettings().timeZone))
    return c.body(file, 200, attachment(`${article.slug}.md`, 'text/markdown; charset=utf-8'))
  })
