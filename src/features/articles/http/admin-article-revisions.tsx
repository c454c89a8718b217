import { Hono } from 'hono'
import type { Db } from '../../../platform/database'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { renderForStorage } from '../article-html'
import { diffText } from '../line-diff'
import { writeArticleRevision } from '../store/article-drafts'
import { findArticleById } from '../store/article-publishing'
import { findRevision, listRevisions } from '../store/article-revisions'
import type { ArticleRevisionRow } from '../store/schema'
import { DiffPage } from '../views/admin/DiffPage'
import { RevisionPage } from '../views/admin/RevisionPage'
import { RevisionsPage } from '../views/admin/RevisionsPage'

export const articleNotFound = () => new Refusal(404, 'Article not found', 'There is no article with that address. Go back to the list of articles.')
const revisionNotFound = () => new Refusal(404, 'Revision not found', 'This article has no revision with that number. Open its list of revisions.')

/** A revision as one text to compare: the fields a reader sees, then the body. */
const revisionText = (revision: ArticleRevisionRow) =>
  [
    `Title: ${revision.title}`,
    `Slug: ${revision.slug}`,
    `Description: ${revision.description}`,
    `Tags: ${revision.tags.join(', ')}`,
    ...revision.references.map((reference) => `Reference: ${reference.authors}. ${reference.title}. ${reference.source}. doi:${reference.doi}`),
    '',
    revision.body,
  ].join('\n')

const revisionNumber = (value: string | undefined) => (value !== undefined && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined)

async function loadRevision(db: Db, articleId: string, number: string | undefined) {
  const parsed = revisionNumber(number)
  const revision = parsed === undefined ? undefined : await findRevision(db, articleId, parsed)
  if (!revision) throw revisionNotFound()
  return revision
}

async function loadArticle(db: Db, id: string) {
  const article = await findArticleById(db, id)
  if (!article) throw articleNotFound()
  return article
}

export const articleRevisionRoutes = new Hono<AdminEnv>()
  .get('/:id/revisions', async (c) => {
    const db = c.var.db
    const article = await loadArticle(db, c.req.param('id'))
    return c.html(
      withPractice(currentSettings(), <RevisionsPage article={article} revisions={await listRevisions(db, article.id)} csrfToken={c.get('csrfToken')} />),
    )
  })
  .get('/:id/revisions/:n', async (c) => {
    const db = c.var.db
    const article = await loadArticle(db, c.req.param('id'))
    const revision = await loadRevision(db, article.id, c.req.param('n'))
    return c.html(withPractice(currentSettings(), <RevisionPage article={article} revision={revision} csrfToken={c.get('csrfToken')} />))
  })
  .get('/:id/diff', async (c) => {
    const db = c.var.db
    const article = await loadArticle(db, c.req.param('id'))
    const [from, to] = await Promise.all([loadRevision(db, article.id, c.req.query('from')), loadRevision(db, article.id, c.req.query('to'))])
    const lines = diffText(revisionText(from), revisionText(to))
    return c.html(
      withPractice(currentSettings(), <DiffPage article={article} from={from.number} to={to.number} lines={lines} csrfToken={c.get('csrfToken')} />),
    )
  })
  .post('/:id/revisions/:n/restore', async (c) => {
    const db = c.var.db
    const article = await loadArticle(db, c.req.param('id'))
    const revision = await loadRevision(db, article.id, c.req.param('n'))
    const opened = Number(displayValues(await readFields(c)).revision)
    const { title, description, tags, references, body } = revision
    // The address stays: moving it is a decision of its own, made in the form with its redirect.
    const text = { slug: article.slug, title, description, tags, references, body }
    const write = { article, text, author: c.get('admin'), action: `restored revision ${revision.number}`, now: new Date() }
    if (opened !== article.revision || !(await writeArticleRevision(db, { ...write, rendered: await renderForStorage(db, body) }))) {
      throw new Refusal(
        409,
        'The article changed meanwhile',
        'Someone saved the article after you opened this revision, so nothing was restored. Open the revisions again and choose.',
      )
    }
    return c.redirect(`/admin/articles/${article.id}?done=restored`, 303)
  })
