import { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import type { Db } from '../../../platform/database'
import type { AppEnv } from '../../../platform/env'
import { Refusal } from '../../../platform/refusal'
import { StatusPage } from '../../../ui/StatusPage'
import { sessionSecret } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { toArticle } from '../article'
import { articleHtml } from '../article-html'
import { measureGzipSize } from '../page-size'
import { readPreviewToken } from '../preview-link'
import { findArticleById } from '../store/article-publishing'
import type { ArticleRow } from '../store/schema'
import { ArticlePage } from '../views/ArticlePage'
import { PreviewBanner } from '../views/admin/PreviewBanner'

/**
 * The article through the public page's own view and HTML (stored, or
 * rendered and stored as for the public page), with the preview banner on
 * top; the size the banner gives is the public page's (rendered without the
 * banner), compressed. A text the renderer refuses is answered with what to
 * change (503), for this article only.
 */
export async function renderPreview(db: Db, row: ArticleRow, extra?: Child) {
  const article = toArticle(row)
  const body = await articleHtml(db, row)
  if (!body.ok)
    throw new Refusal(
      503,
      'This article cannot be shown',
      `The text of “${row.title}” cannot be shown as a page. ${body.problem}. Edit the article to fix this.`,
    )
  const { html } = body
  const settings = currentSettings()
  const gzipBytes = await measureGzipSize(await withPractice(settings, <ArticlePage article={article} html={html} author={settings} />).toString())
  return withPractice(
    settings,
    <ArticlePage
      article={article}
      html={html}
      author={settings}
      banner={
        <PreviewBanner state={row.state} gzipBytes={gzipBytes}>
          {extra}
        </PreviewBanner>
      }
    />,
  )
}

/**
 * Shared previews: anyone holding an unexpired signed link sees the article's
 * current text. A forged, altered or malformed token, or an erased article, is
 * a plain 404; an expired one says so (410). `clock` is fixed in tests.
 */
export function previewRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  return new Hono<AppEnv>().get('/:token', async (c) => {
    const grant = await readPreviewToken(sessionSecret(c.env), c.req.param('token'), clock())
    if (grant === 'expired') {
      return c.html(
        withPractice(
          currentSettings(),
          <StatusPage title="This preview link has expired" path={c.req.path}>
            <p>Preview links work for a limited time. Ask the clinic for a new one.</p>
          </StatusPage>,
        ),
        410,
      )
    }
    const db = c.var.db
    const row = grant === 'invalid' ? undefined : await findArticleById(db, grant.articleId)
    if (!row) return c.notFound()
    return c.html(await renderPreview(db, row))
  })
}
