import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { maxImageBytes } from '../../../../src/features/articles/images/upload'
import { findImage } from '../../../../src/features/articles/store/article-images'
import { imageBytes, notImages, uniquePng } from '../../../fixtures/images'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { origin, request, requestWith } from '../../../helpers/http'
import { storeArticle } from '../../../helpers/publishing'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const sameOrigin = { Origin: origin, 'Sec-Fetch-Site': 'same-origin' }

/** A multipart upload as the browser sends the form; `csrf` defaults to the session's token. */
function upload(fields: { file?: File; alt?: string; article?: string; csrf?: string }, overrides: Partial<Env> = {}, cookie = session.cookie) {
  const form = new FormData()
  form.set('csrf', fields.csrf ?? session.csrf)
  if (fields.file) form.set('file', fields.file)
  if (fields.alt !== undefined) form.set('alt', fields.alt)
  if (fields.article !== undefined) form.set('article', fields.article)
  const init: RequestInit = { method: 'POST', redirect: 'manual', headers: { ...sameOrigin, Cookie: cookie }, body: form }
  return Object.keys(overrides).length > 0 ? requestWith(overrides, '/admin/images', init) : request('/admin/images', init)
}

const fileOf = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => new File([bytes], name, { type })
const pngFile = (bytes = uniquePng(), name = 'photo.png') => fileOf(bytes, name, 'image/png')

async function uploadedHash(response: Response): Promise<string> {
  expect(response.status).toBe(303)
  const hash = /[?&](?:uploaded|insert)=([0-9a-f]{64})$/.exec(response.headers.get('Location') ?? '')?.[1]
  if (!hash) throw new Error(`no hash in ${response.headers.get('Location')}`)
  return hash
}

describe('POST /admin/images (upload)', () => {
  it('stores the image and shows its Markdown to copy on the images page', async () => {
    const response = await upload({ file: pngFile(), alt: 'Needles [sterile] in a tray' })
    const hash = await uploadedHash(response)
    expect(response.headers.get('Location')).toBe(`/admin/images?uploaded=${hash}`)
    const page = await (await adminGet(session, response.headers.get('Location')!)).text()
    expect(page).toContain('Image uploaded')
    expect(page).toContain(`![Needles \\[sterile\\] in a tray](/images/${hash}.png)`)
    expect(await findImage(db(), hash)).toMatchObject({ contentType: 'image/png', width: 3, height: 2 })
  })

  it('sends the practitioner back to the article with the image to insert when the form names one', async () => {
    const article = await storeArticle()
    const response = await upload({ file: fileOf(imageBytes('webpLossless'), 'diagram.webp', 'image/webp'), alt: 'A diagram', article: article.id })
    const hash = await uploadedHash(response)
    expect(response.headers.get('Location')).toBe(`/admin/articles/${article.id}?insert=${hash}`)
  })

  it('accepts a PNG named .jpg as the PNG it is', async () => {
    const hash = await uploadedHash(await upload({ file: pngFile(uniquePng(), 'photo.jpg'), alt: 'A photo' }))
    expect((await findImage(db(), hash))?.contentType).toBe('image/png')
  })

  it.each([
    ['a text file named .png', () => pngFile(notImages.text()), 'Some alt', /Only JPEG, PNG, WebP and AVIF/],
    ['an SVG', () => fileOf(notImages.svg(), 'drawing.svg', 'image/svg+xml'), 'Some alt', /Only JPEG, PNG, WebP and AVIF/],
    ['a file over 5 MB', () => pngFile(uniquePng(maxImageBytes + 1)), 'Some alt', /larger than 5 MB/],
    ['a missing alt text', () => pngFile(), '', /Describe the image/],
    ['an empty file', () => pngFile(new Uint8Array(0)), 'Some alt', /Choose an image file/],
  ])('refuses %s with 422, a clear message and the typed alt kept', async (_, file, alt, message) => {
    const response = await upload({ file: file(), alt })
    expect(response.status).toBe(422)
    const page = await response.text()
    expect(page).toMatch(message)
    if (alt) expect(page).toContain(`value="${alt}"`)
  })

  it('answers 413 to a body far past 5 MB before the form is read, storing nothing', async () => {
    const bytes = uniquePng(maxImageBytes + 256 * 1024)
    const response = await upload({ file: pngFile(bytes), alt: 'Far too big' })
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('larger than 5 MB')
    const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('')
    expect(await findImage(db(), hash)).toBeUndefined()
  })

  it('refuses a form without a file with 422', async () => {
    const response = await upload({ alt: 'No file' })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Choose an image file')
  })

  it('refuses an article id that is not one, with 422', async () => {
    const response = await upload({ file: pngFile(), alt: 'A photo', article: '../../logout' })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('article to add the image to was not found')
  })

  it('reports 503 and records nothing when R2 does not hand the image back', async () => {
    const bytes = uniquePng()
    const images = wrapBinding(env.IMAGES, { head: async (): Promise<R2Object | null> => null })
    const response = await upload({ file: pngFile(bytes), alt: 'Lost on the way' }, { IMAGES: images })
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('could not be stored')
    const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('')
    expect(await findImage(db(), hash)).toBeUndefined()
  })

  it('refuses an upload without the CSRF token, from another site or signed out, storing nothing', async () => {
    const bytes = uniquePng()
    const before = (await env.IMAGES.list()).objects.length
    expect((await upload({ file: pngFile(bytes), alt: 'Forged', csrf: '0'.repeat(64) })).status).toBe(403)
    const form = new FormData()
    form.set('csrf', session.csrf)
    form.set('alt', 'Forged')
    form.set('file', pngFile(bytes))
    const crossSite = await request('/admin/images', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', Cookie: session.cookie },
      body: form,
    })
    expect(crossSite.status).toBe(403)
    const signedOut = await upload({ file: pngFile(bytes), alt: 'Forged' }, {}, '')
    expect([303, 401, 403]).toContain(signedOut.status)
    expect((await env.IMAGES.list()).objects.length).toBe(before)
  })
})

describe('GET /admin/images and deleting', () => {
  it('is for the practitioner only', async () => {
    const response = await request('/admin/images', { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/admin\/login\?next=/)
  })

  it('lists every image with its size and Markdown, flags unused ones and offers to delete only those', async () => {
    const used = await uploadedHash(await upload({ file: pngFile(), alt: 'Used image' }))
    const unused = await uploadedHash(await upload({ file: pngFile(), alt: 'Unused image' }))
    await storeArticle({ body: `Intro.\n\n![Used image](/images/${used}.png)\n` })
    const page = await (await adminGet(session, '/admin/images')).text()
    const itemOf = (hash: string) => new RegExp(`<li id="image-${hash}">([\\s\\S]*?)</li>`).exec(page)?.[1] ?? ''
    expect(itemOf(used)).toContain(`<img src="/images/${used}.png" alt="Used image" width="3" height="2"`)
    expect(itemOf(used)).toContain('3 × 2 pixels, 1 KB')
    expect(itemOf(used)).toContain(`![Used image](/images/${used}.png)`)
    expect(itemOf(used)).not.toContain('Not used')
    expect(itemOf(used)).not.toContain('/delete')
    expect(itemOf(unused)).toContain('Not used in any article')
    expect(itemOf(unused)).toContain(`action="/admin/images/${unused}/delete"`)
  })

  it('lists the images of every article even when one body would take the renderer down, and keeps those it mentions', async () => {
    const [shown, inQuotes, inEmphasis] = [
      await upload({ file: pngFile(), alt: 'Shown' }),
      await upload({ file: pngFile(), alt: 'In quotes' }),
      await upload({ file: pngFile(), alt: 'In emphasis' }),
    ]
    const [shownHash, quotesHash, emphasisHash] = [await uploadedHash(shown), await uploadedHash(inQuotes), await uploadedHash(inEmphasis)]
    await storeArticle({ body: `${'>'.repeat(2_000)} ![In quotes](/images/${quotesHash}.png)` })
    await storeArticle({ body: `![In emphasis](/images/${emphasisHash}.png)\n\n${'*a'.repeat(50_000)}` })
    await storeArticle({ body: `![Shown](/images/${shownHash}.png)` })
    const response = await adminGet(session, '/admin/images')
    expect(response.status).toBe(200)
    const page = await response.text()
    for (const hash of [shownHash, quotesHash, emphasisHash]) {
      const item = new RegExp(`<li id="image-${hash}">([\\s\\S]*?)</li>`).exec(page)?.[1] ?? ''
      expect(item).toContain(`<img src="/images/${hash}.png"`)
      expect(item).not.toContain('Not used')
    }
    expect((await adminPost(session, `/admin/images/${quotesHash}/delete`)).status).toBe(409)
    expect(await findImage(db(), quotesHash)).toBeDefined()
  })

  it('refuses to delete an image an article shows, with 409, keeping it', async () => {
    const hash = await uploadedHash(await upload({ file: pngFile(), alt: 'Shown image' }))
    await storeArticle({ state: 'published', body: `![Shown](/images/${hash}.png)` })
    const response = await adminPost(session, `/admin/images/${hash}/delete`)
    expect(response.status).toBe(409)
    expect(await findImage(db(), hash)).toBeDefined()
    expect(await env.IMAGES.head(`${hash}.png`)).not.toBeNull()
  })

  it('deletes an unused image, its row and its object', async () => {
    const hash = await uploadedHash(await upload({ file: pngFile(), alt: 'Spare image' }))
    const response = await adminPost(session, `/admin/images/${hash}/delete`)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/images?deleted=1')
    expect(await findImage(db(), hash)).toBeUndefined()
    expect(await env.IMAGES.head(`${hash}.png`)).toBeNull()
    expect((await request(`/images/${hash}.png`)).status).toBe(404)
  })

  it('refuses a delete without the CSRF token, and answers 404 for an unknown image', async () => {
    const hash = await uploadedHash(await upload({ file: pngFile(), alt: 'Kept image' }))
    expect((await adminPost(session, `/admin/images/${hash}/delete`, { csrf: 'f'.repeat(64) })).status).toBe(403)
    expect(await findImage(db(), hash)).toBeDefined()
    expect((await adminPost(session, `/admin/images/${'0'.repeat(64)}/delete`)).status).toBe(404)
    expect((await adminPost(session, '/admin/images/not-a-hash/delete')).status).toBe(404)
  })
})
