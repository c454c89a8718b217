import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Db } from '../../../platform/database'
import { Refusal } from '../../../platform/refusal'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { imageKey, imageMarkdown, imagePath, variantKey } from '../images/formats'
import { maxImageBytes, storeImage, uploadRefusals } from '../images/upload'
import { deleteImage, findImage, listArticleBodies, listImages } from '../store/article-images'
import type { ArticleImageRow } from '../store/schema'
import { type ImageListItem, ImagesPage } from '../views/admin/ImagesPage'

type ImagesContext = Context<AdminEnv>

const articleIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const hashPattern = /^[0-9a-f]{64}$/

/** The hashes of every image some article's body shows. */
async function listUsedHashes(db: Db): Promise<Set<string>> {
  const { listImageHashes } = await import('../markdown')
  return new Set((await listArticleBodies(db)).flatMap(listImageHashes))
}

const toListItem = (row: ArticleImageRow, used: Set<string>): ImageListItem => ({
  ...row,
  path: imagePath(row.hash, row.contentType),
  markdown: imageMarkdown(row),
  used: used.has(row.hash),
})

async function renderImagesPage(
  c: ImagesContext,
  state: { uploaded?: string; deleted?: boolean; refused?: { error: string; alt: string; articleId?: string } },
  status: 200 | 422 | 503 = 200,
) {
  const db = c.var.db
  const [rows, used] = await Promise.all([listImages(db), listUsedHashes(db)])
  const images = rows.map((row) => toListItem(row, used))
  const uploaded = images.find((image) => image.hash === state.uploaded)
  return c.html(
    withPractice(
      currentSettings(),
      <ImagesPage csrfToken={c.get('csrfToken')} images={images} uploaded={uploaded} deleted={state.deleted} refused={state.refused} />,
    ),
    status,
  )
}

const textField = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/**
 * 413 for a request body far past the 5 MB an image may have, read as a
 * stream before the CSRF check parses the form, so an oversized upload is
 * never buffered whole. The allowance over 5 MB is for the form's other
 * fields: a file just over 5 MB still gets the upload's own 422.
 */
export const limitImageUploadSize = () =>
  bodyLimit({
    maxSize: maxImageBytes + 64 * 1024,
    onError: () => {
      throw new Refusal(413, 'Image too large', uploadRefusals['too-large'])
    },
  })

/** Uploading, listing and deleting article images (/admin/images). */
export const imageAdminRoutes = new Hono<AdminEnv>()
  .get('/', (c) => renderImagesPage(c, { uploaded: c.req.query('uploaded'), deleted: c.req.query('deleted') === '1' }))
  .post('/', async (c) => {
    const form = await c.req.formData()
    const file = form.get('file')
    const alt = textField(form, 'alt')
    const articleId = textField(form, 'article') || undefined
    if (articleId !== undefined && !articleIdPattern.test(articleId)) {
      return renderImagesPage(
        c,
        { refused: { error: 'The article to add the image to was not found. Open the article again and upload from there.', alt } },
        422,
      )
    }
    const result = await storeImage(c.env.IMAGES, c.var.db, { file: file instanceof File ? file : null, alt }, new Date(), {
      transforms: c.env.IMAGE_TRANSFORMS,
    })
    if (!result.ok) {
      const status = result.refusal === 'not-stored' ? 503 : 422
      return renderImagesPage(c, { refused: { error: uploadRefusals[result.refusal], alt, articleId } }, status)
    }
    const { hash } = result.image
    return c.redirect(articleId ? `/admin/articles/${articleId}?insert=${hash}` : `/admin/images?uploaded=${hash}`, 303)
  })
  .post('/:hash/delete', async (c) => {
    const hash = c.req.param('hash')
    const db = c.var.db
    const image = hashPattern.test(hash) ? await findImage(db, hash) : undefined
    if (!image) throw new Refusal(404, 'Image not found', 'This image no longer exists. Go back to the images page and reload it.')
    const inUse = new Refusal(409, 'Image in use', 'An article shows this image, so it cannot be deleted. Remove it from the article first.')
    if ((await listUsedHashes(db)).has(hash)) throw inUse
    if (!(await deleteImage(db, hash))) throw inUse
    // The row goes first: an object left behind by a failed delete is unreferenced, never a broken image.
    await c.env.IMAGES.delete([imageKey(hash, image.contentType), ...image.variants.map((variant) => variantKey(hash, variant))])
    return c.redirect('/admin/images?deleted=1', 303)
  })
