import { type Context, Hono } from 'hono'
import { absoluteUrl } from '../../../config'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import { type AdminEnv, sessionSecret } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { readPreviewExpiry, signPreviewToken } from '../preview-link'
import { findArticleById } from '../store/article-publishing'
import { SharedLinkPage, ShareForm } from '../views/admin/SharePreview'
import { renderPreview } from './preview'

async function readArticle(c: Context<AdminEnv>) {
  const db = c.var.db
  const article = await findArticleById(db, c.req.param('id') ?? '')
  if (!article) throw new Refusal(404, 'Article not found', 'There is no article with that address.')
  return { db, article }
}

/** The practitioner's preview of any article, and the signed links that show it to someone else. */
export const articlePreviewRoutes = new Hono<AdminEnv>()
  .get('/:id/preview', async (c) => {
    const { db, article } = await readArticle(c)
    return c.html(await renderPreview(db, article, <ShareForm article={article} csrfToken={c.get('csrfToken')} />))
  })
  .post('/:id/share', async (c) => {
    const { article } = await readArticle(c)
    const hours = displayValues(await readFields(c)).hours ?? ''
    const expires = readPreviewExpiry(hours, new Date())
    if (!expires) {
      return c.html(
        withPractice(
          currentSettings(),
          <SharedLinkPage
            article={article}
            csrfToken={c.get('csrfToken')}
            hours={hours}
            error="Enter a lifetime between 1 and 168 hours (one hour to seven days)."
          />,
        ),
        422,
      )
    }
    const url = absoluteUrl(`/preview/${await signPreviewToken(sessionSecret(c.env), article.id, expires)}`, currentSettings())
    return c.html(withPractice(currentSettings(), <SharedLinkPage article={article} csrfToken={c.get('csrfToken')} hours={hours} link={{ url, expires }} />))
  })
