import { type Context, Hono } from 'hono'
import type { Db } from '../../../platform/database'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { renderForStorage } from '../article-html'
import { articleFormValues, type FieldErrors, readArticleFields, validateArticle } from '../article-input'
import { imagePath } from '../images/formats'
import { diffText } from '../line-diff'
import { createArticle, isSlugFree, writeArticleRevision } from '../store/article-drafts'
import { findImage } from '../store/article-images'
import { findArticleById } from '../store/article-publishing'
import type { ArticleRow } from '../store/schema'
import { ArticleEditPage } from '../views/admin/ArticleEditPage'
import { ConflictPage } from '../views/admin/ConflictPage'
import { articleExportRoutes } from './admin-article-export'
import { articleNotFound, articleRevisionRoutes } from './admin-article-revisions'

type AdminContext = Context<AdminEnv>

const flashes = { saved: 'Saved.', restored: 'Revision restored: the article holds its text again as a new revision.' } as const
const slugTaken = 'Another article has this slug, or had it before (its old address still leads there). Choose another.'

/** The form read and checked: the text to save, or the page to answer with (422). */
async function readArticleForm(c: AdminContext, article?: ArticleRow) {
  const values = displayValues(await readFields(c))
  const checked = await validateArticle(readArticleFields(values))
  const db = c.var.db
  const errors: FieldErrors = checked.ok ? {} : checked.errors
  if (checked.ok && !(await isSlugFree(db, checked.article.slug, article?.id))) errors.slug = [slugTaken]
  // The form keeps the revision it was opened on, so fixing a mistake cannot hide a save made meanwhile.
  const opened = article && { ...article, revision: Number(values.revision) || article.revision }
  const invalid = () =>
    c.html(withPractice(currentSettings(), <ArticleEditPage article={opened} values={values} errors={errors} csrfToken={c.get('csrfToken')} />), 422)
  return { values, text: checked.ok && !errors.slug ? checked.article : undefined, invalid }
}

/** The Markdown that shows an uploaded image, or undefined for a hash with no image. */
async function imageMarkdown(db: Db, hash: string | undefined): Promise<string | undefined> {
  const image = hash && /^[0-9a-f]{64}$/.test(hash) ? await findImage(db, hash) : undefined
  return image ? `![${image.alt.replace(/[[\]\\]/g, '\\$&')}](${imagePath(image.hash, image.contentType)})` : undefined
}

/** The unique index on slugs refuses a slug taken between the check and the write. */
const isSlugCollision = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: articles\.slug|article_redirects\.from_slug/.test(`${error.message} ${String(error.cause ?? '')}`)

export const articleEditorRoutes = new Hono<AdminEnv>()
  .route('/', articleExportRoutes)
  .get('/new', (c) => c.html(withPractice(currentSettings(), <ArticleEditPage values={{}} errors={{}} csrfToken={c.get('csrfToken')} />)))
  .post('/', async (c) => {
    const { text, invalid } = await readArticleForm(c)
    if (!text) return invalid()
    try {
      const db = c.var.db
      const id = await createArticle(db, { article: text, rendered: await renderForStorage(db, text.body), author: c.get('admin'), now: new Date() })
      return c.redirect(`/admin/articles/${id}?done=saved`, 303)
    } catch (error) {
      if (isSlugCollision(error)) throw new Refusal(409, 'Slug taken', slugTaken)
      throw error
    }
  })
  .get('/:id', async (c) => {
    const db = c.var.db
    const article = await findArticleById(db, c.req.param('id'))
    if (!article) throw articleNotFound()
    const values = articleFormValues(article)
    const image = await imageMarkdown(db, c.req.query('insert'))
    if (image) values.body = `${(values.body ?? '').replace(/\n*$/, '\n\n')}${image}\n`
    const done = c.req.query('done')
    const flash = done !== undefined && Object.hasOwn(flashes, done) ? flashes[done as keyof typeof flashes] : undefined
    return c.html(
      withPractice(
        currentSettings(),
        <ArticleEditPage
          article={article}
          values={values}
          errors={{}}
          csrfToken={c.get('csrfToken')}
          notice={image ? 'Image added at the end: save to keep it.' : flash}
        />,
      ),
    )
  })
  .post('/:id', async (c) => {
    const db = c.var.db
    const article = await findArticleById(db, c.req.param('id'))
    if (!article) throw articleNotFound()
    const { values, text, invalid } = await readArticleForm(c, article)
    if (!text) return invalid()
    const opened = Number(values.revision)
    if (!Number.isInteger(opened))
      throw new Refusal(400, 'Could not read the form', 'The form is missing the revision it was opened on. Reload the article and save again.')
    const saved =
      opened === article.revision &&
      (await writeArticleRevision(db, {
        article,
        text,
        rendered: await renderForStorage(db, text.body),
        author: c.get('admin'),
        action: 'saved',
        now: new Date(),
      }).catch((error: unknown) => {
        if (isSlugCollision(error)) throw new Refusal(409, 'Slug taken', slugTaken)
        throw error
      }))
    if (!saved) {
      const theirs = (await findArticleById(db, article.id)) ?? article
      const page = <ConflictPage theirs={theirs} values={values} errors={{}} diff={diffText(theirs.body, text.body)} csrfToken={c.get('csrfToken')} />
      return c.html(withPractice(currentSettings(), page), 409)
    }
    return c.redirect(`/admin/articles/${article.id}?done=saved`, 303)
  })
  .route('/', articleRevisionRoutes)
