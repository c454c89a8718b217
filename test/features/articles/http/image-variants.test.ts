import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articleHtml } from '../../../../src/features/articles/article-html'
import { readImageSize } from '../../../../src/features/articles/images/dimensions'
import { storeImage } from '../../../../src/features/articles/images/upload'
import { plannedVariants } from '../../../../src/features/articles/images/variants'
import { findImage } from '../../../../src/features/articles/store/article-images'
import { articles, type ImageVariant } from '../../../../src/features/articles/store/schema'
import { readContentVersion } from '../../../../src/platform/site-state'
import { uniquePng } from '../../../fixtures/images'
import { photoPng } from '../../../fixtures/photo'
import { type AdminSession, adminPost, signIn } from '../../../helpers/admin'
import { wrapBinding } from '../../../helpers/bindings'
import { origin, request, requestWith } from '../../../helpers/http'
import { articleFields, db, seedArticle, uniqueSlug } from './admin-articles-seed'

let session: AdminSession
/** One 2400 × 1600 photo uploaded through the inbox with the real Images binding, for the tests that read what it made. */
let photo: { hash: string; bytes: Uint8Array<ArrayBuffer> }

const sameOrigin = { Origin: origin, 'Sec-Fetch-Site': 'same-origin' }

/** A multipart upload as the inbox's form sends it, through the real fetch handler (bindings replaced only when `overrides` says). */
async function upload(bytes: Uint8Array<ArrayBuffer>, alt: string, overrides?: Partial<Env>): Promise<string> {
  const form = new FormData()
  form.set('csrf', session.csrf)
  form.set('file', new File([bytes], 'photo.png', { type: 'image/png' }))
  form.set('alt', alt)
  const init: RequestInit = { method: 'POST', redirect: 'manual', headers: { ...sameOrigin, Cookie: session.cookie }, body: form }
  const response = overrides ? await requestWith(overrides, '/admin/images', init) : await request('/admin/images', init)
  expect(response.status).toBe(303)
  return /uploaded=([0-9a-f]{64})$/.exec(response.headers.get('Location') ?? '')![1]!
}

/** The real Images binding, with `output` refused for the given formats: a fault in front of the runtime's own binding. */
function failingFor(formats: string[], failure: () => Promise<ImageTransformationResult> = () => Promise.reject(new Error('Images unavailable'))) {
  const real = env.IMAGE_TRANSFORMS
  const wrap = (transformer: ImageTransformer): ImageTransformer =>
    wrapBinding(transformer, {
      transform: (transform) => wrap(transformer.transform(transform)),
      output: (options) => (formats.includes(options.format) ? failure() : transformer.output(options)),
    })
  return wrapBinding(real, { input: (stream, options) => wrap(real.input(stream, options)) })
}

/** The copies R2 holds for a hash, by key. */
async function storedCopies(hash: string) {
  const listed = await env.IMAGES.list({ prefix: `${hash}/`, include: ['httpMetadata'] })
  return listed.objects.map((object) => ({ key: object.key, size: object.size, contentType: object.httpMetadata?.contentType }))
}

const widthsOf = (variants: ImageVariant[]) => variants.map((variant) => `${variant.width}.${variant.format}`)

beforeAll(async () => {
  session = await signIn()
  const bytes = await photoPng(2400, 1600)
  photo = { hash: await upload(bytes, 'Needles in a tray'), bytes }
}, 60_000)

describe('the widths an image gets', () => {
  it.each([
    [2400, ['480', '720', '1080', '1600']],
    [1600, ['480', '720', '1080', '1600']],
    [800, ['480', '720', '800']],
    [480, ['480']],
    [300, ['300']],
  ])('a %i px wide original: %j, in AVIF and WebP, never wider than it', (width, widths) => {
    expect(plannedVariants(width)).toEqual(
      widths.flatMap((w) => [
        { width: Number(w), format: 'avif' },
        { width: Number(w), format: 'webp' },
      ]),
    )
  })
})

describe('an upload with the Images binding', () => {
  it('stores AVIF and WebP copies 480, 720, 1080 and 1600 wide beside the original and records each with its size', async () => {
    const row = await findImage(db(), photo.hash)
    expect(row).toMatchObject({ width: 2400, height: 1600, contentType: 'image/png' })
    expect(widthsOf(row!.variants)).toEqual(['480.avif', '480.webp', '720.avif', '720.webp', '1080.avif', '1080.webp', '1600.avif', '1600.webp'])
    const copies = await storedCopies(photo.hash)
    expect(copies.map(({ key }) => key).sort()).toEqual(
      ['480.avif', '480.webp', '720.avif', '720.webp', '1080.avif', '1080.webp', '1600.avif', '1600.webp'].map((name) => `${photo.hash}/${name}`).sort(),
    )
    for (const variant of row!.variants) {
      const object = await env.IMAGES.get(`${photo.hash}/${variant.width}.${variant.format}`)
      const bytes = new Uint8Array(await object!.arrayBuffer())
      const contentType = `image/${variant.format}` as const
      expect(object!.httpMetadata?.contentType).toBe(contentType)
      expect(bytes.length).toBe(variant.byteSize)
      expect(readImageSize(bytes, contentType)).toEqual({ width: variant.width, height: Math.round((variant.width * 2) / 3) })
    }
    // The original is kept as it came.
    const original = await env.IMAGES.get(`${photo.hash}.png`)
    expect(new Uint8Array(await original!.arrayBuffer())).toEqual(photo.bytes)
  })

  it('makes a narrower image no copy wider than it: the standard widths below its own, and its own', async () => {
    const hash = await upload(await photoPng(800, 600), 'A narrower photo')
    expect(widthsOf((await findImage(db(), hash))!.variants)).toEqual(['480.avif', '480.webp', '720.avif', '720.webp', '800.avif', '800.webp'])
  }, 30_000)

  it('deletes the copies with the image', async () => {
    const hash = await upload(await photoPng(600, 400), 'Soon deleted')
    expect(await storedCopies(hash)).toHaveLength(4)
    expect((await adminPost(session, `/admin/images/${hash}/delete`)).status).toBe(303)
    expect(await storedCopies(hash)).toEqual([])
    expect(await env.IMAGES.head(`${hash}.png`)).toBeNull()
  }, 30_000)
})

describe('GET /images/<hash>/<width>.<format>', () => {
  it.each([
    ['avif', 'image/avif'],
    ['webp', 'image/webp'],
  ])('serves a %s copy as %s, immutable for a year, with nosniff and its own ETag', async (format, contentType) => {
    const response = await request(`/images/${photo.hash}/720.${format}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe(contentType)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('ETag')).toBe(`"${photo.hash}-720.${format}"`)
    const row = await findImage(db(), photo.hash)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(bytes.length).toBe(row!.variants.find((variant) => variant.width === 720 && variant.format === format)!.byteSize)
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length))
  })

  it('answers 304 to its ETag', async () => {
    const response = await request(`/images/${photo.hash}/480.avif`, { headers: { 'If-None-Match': `"${photo.hash}-480.avif"` } })
    expect(response.status).toBe(304)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })

  it.each([
    ['a width never made', () => `/images/${photo.hash}/2400.avif`],
    ['another format', () => `/images/${photo.hash}/720.gif`],
    ['a leading zero', () => `/images/${photo.hash}/0720.avif`],
    ['no hash', () => '/images/not-a-hash/720.avif'],
    ['an unknown hash', () => `/images/${'0'.repeat(64)}/720.avif`],
  ])('answers 404 to %s', async (_, path) => {
    expect((await request(path())).status).toBe(404)
  })
})

describe('an article showing images with copies', () => {
  const sources = (hash: string, sizes: string, widths: number[]) =>
    ['avif', 'webp']
      .map((format) => `<source type="image/${format}" srcset="${widths.map((w) => `/images/${hash}/${w}.${format} ${w}w`).join(', ')}" sizes="${sizes}">`)
      .join('')

  it('offers them in a picture with srcset, sizes, width and height; the first eager and first fetched, the next lazy', async () => {
    const narrow = await upload(await photoPng(600, 400), 'A small diagram')
    const article = await seedArticle('published')
    const slug = uniqueSlug('pictures')
    const body = `![Needles in a tray](/images/${photo.hash}.png)\n\nBetween.\n\n![A small diagram](/images/${narrow}.png)\n`
    expect((await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug, body, revision: '1' }))).status).toBe(303)
    const page = await (await request(`/articles/${slug}`)).text()
    expect(page).toContain(
      `<p><picture>${sources(photo.hash, '(min-width: 46rem) 44rem, calc(100vw - 2rem)', [480, 720, 1080, 1600])}` +
        `<img src="/images/${photo.hash}.png" alt="Needles in a tray" width="2400" height="1600" loading="eager" fetchpriority="high"></picture></p>`,
    )
    expect(page).toContain(
      `<p><picture>${sources(narrow, 'min(600px, calc(100vw - 2rem))', [480, 600])}` +
        `<img src="/images/${narrow}.png" alt="A small diagram" width="600" height="400" loading="lazy" decoding="async"></picture></p>`,
    )
  }, 30_000)
})

describe('when the copies cannot be made', () => {
  const plainImg = (hash: string) => `<p><img src="/images/${hash}.png" alt="Plain" width="3" height="2"></p>\n`

  it('without the binding, keeps the original alone, and the article shows it as an img', async () => {
    const hash = await upload(uniquePng(), 'Plain', { IMAGE_TRANSFORMS: undefined as unknown as ImagesBinding })
    expect((await findImage(db(), hash))?.variants).toEqual([])
    expect(await storedCopies(hash)).toEqual([])
    expect((await request(`/images/${hash}.png`)).status).toBe(200)
    const article = await seedArticle('published', { body: `![Plain](/images/${hash}.png)\n` })
    const [row] = await db().select().from(articles).where(eq(articles.id, article.id))
    expect(await articleHtml(db(), row!)).toEqual({ ok: true, html: plainImg(hash) })
  })

  it('when the binding fails, keeps the upload and records none', async () => {
    const hash = await upload(uniquePng(), 'Plain', { IMAGE_TRANSFORMS: failingFor(['image/avif', 'image/webp']) })
    expect(await findImage(db(), hash)).toMatchObject({ width: 3, height: 2, variants: [] })
    expect(await storedCopies(hash)).toEqual([])
    expect((await request(`/images/${hash}.png`)).status).toBe(200)
  })

  it('when one format fails, records and offers the other', async () => {
    const hash = await upload(uniquePng(), 'Plain', { IMAGE_TRANSFORMS: failingFor(['image/avif']) })
    expect(widthsOf((await findImage(db(), hash))!.variants)).toEqual(['3.webp'])
    expect((await storedCopies(hash)).map(({ key }) => key)).toEqual([`${hash}/3.webp`])
  })

  it('leaves out copies not made within the time budget, and the upload still succeeds', async () => {
    const bytes = uniquePng()
    const never = () => new Promise<ImageTransformationResult>(() => {})
    const result = await storeImage(env.IMAGES, db(), { file: new File([bytes], 'slow.png'), alt: 'Slow' }, new Date('2026-11-20T10:00:00Z'), {
      transforms: failingFor(['image/avif'], never),
      timeBudgetMs: 1000,
    })
    expect(result.ok).toBe(true)
    const hash = result.ok ? result.image.hash : ''
    expect(widthsOf((await findImage(db(), hash))!.variants)).toEqual(['3.webp'])
    expect((await storedCopies(hash)).map(({ key }) => key)).toEqual([`${hash}/3.webp`])
  })

  it('the same file uploaded again makes what is missing, and articles already showing it offer the copies', async () => {
    const bytes = uniquePng()
    const hash = await upload(bytes, 'Plain', { IMAGE_TRANSFORMS: failingFor(['image/avif']) })
    const article = await seedArticle('published', { body: `![Plain](/images/${hash}.png)\n` })
    const read = async () => (await db().select().from(articles).where(eq(articles.id, article.id)))[0]!
    expect(await articleHtml(db(), await read())).toMatchObject({ ok: true, html: expect.stringContaining(`srcset="/images/${hash}/3.webp 3w"`) })
    expect((await read()).renderedHtml).not.toBeNull()
    const version = await readContentVersion(db())

    expect(await upload(bytes, 'Plain again')).toBe(hash)

    expect(widthsOf((await findImage(db(), hash))!.variants)).toEqual(['3.avif', '3.webp'])
    expect(await read()).toMatchObject({ renderedHtml: null, rendererVersion: null })
    expect(await readContentVersion(db())).toBeGreaterThan(version)
    const html = await articleHtml(db(), await read())
    expect(html).toEqual({
      ok: true,
      html:
        `<p><picture><source type="image/avif" srcset="/images/${hash}/3.avif 3w" sizes="min(3px, calc(100vw - 2rem))">` +
        `<source type="image/webp" srcset="/images/${hash}/3.webp 3w" sizes="min(3px, calc(100vw - 2rem))">` +
        `<img src="/images/${hash}.png" alt="Plain" width="3" height="2" loading="eager" fetchpriority="high"></picture></p>\n`,
    })
  })
})
