import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { readImageSize } from '../../../src/features/articles/images/dimensions'
import { sniffImageType } from '../../../src/features/articles/images/sniff'
import { maxImageBytes, storeImage } from '../../../src/features/articles/images/upload'
import { findImage } from '../../../src/features/articles/store/article-images'
import { createDb } from '../../../src/platform/database'
import { imageBytes, notImages, uniquePng } from '../../fixtures/images'
import { wrapBinding } from '../../helpers/bindings'

const db = createDb(env.DB)
const now = new Date('2026-11-20T10:00:00Z')
/** These tests are about the original: no Images binding, so no copies are made. */
const originalsOnly = { transforms: undefined }
const fileOf = (bytes: Uint8Array<ArrayBuffer>, name = 'photo.png', type = 'image/png') => new File([bytes], name, { type })
const sha256 = async (bytes: Uint8Array<ArrayBuffer>) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('')

describe('image type and size, read from the bytes', () => {
  it.each([
    ['png', 'image/png', 3, 2],
    ['jpeg', 'image/jpeg', 3, 2],
    ['jpegProgressive', 'image/jpeg', 6, 9],
    ['webpLossy', 'image/webp', 3, 2],
    ['webpLossless', 'image/webp', 5, 4],
    ['webpExtended', 'image/webp', 7, 5],
    ['avif', 'image/avif', 3, 2],
  ] as const)('reads %s as %s, %i × %i', (name, type, width, height) => {
    const bytes = imageBytes(name)
    expect(sniffImageType(bytes)).toBe(type)
    expect(readImageSize(bytes, type)).toEqual({ width, height })
  })

  it.each(Object.entries(notImages))('refuses %s', (_, bytes) => {
    expect(sniffImageType(bytes())).toBeNull()
  })

  it('gives no size for a header cut short', () => {
    expect(readImageSize(imageBytes('png').subarray(0, 20), 'image/png')).toBeNull()
    expect(readImageSize(imageBytes('jpeg').subarray(0, 145), 'image/jpeg')).toBeNull()
    expect(readImageSize(imageBytes('avif').subarray(0, 100), 'image/avif')).toBeNull()
  })
})

/** The real object's metadata as R2 reports it, altered. */
async function readBack(key: string, alter: (real: R2Object) => Pick<R2Object, 'size' | 'checksums'>): Promise<R2Object | null> {
  const real = await env.IMAGES.head(key)
  return real && (alter(real) as R2Object)
}

describe('storeImage', () => {
  it('stores the bytes in R2 under their hash with the type, and records the row', async () => {
    const bytes = uniquePng()
    const result = await storeImage(env.IMAGES, db, { file: fileOf(bytes), alt: '  Needles\n in a  tray ' }, now, originalsOnly)
    const hash = await sha256(bytes)
    expect(result).toEqual({ ok: true, image: { hash, contentType: 'image/png', width: 3, height: 2, byteSize: bytes.length, alt: 'Needles in a tray' } })
    const object = await env.IMAGES.get(`${hash}.png`)
    expect(object?.httpMetadata?.contentType).toBe('image/png')
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes)
    expect(await findImage(db, hash)).toMatchObject({ hash, alt: 'Needles in a tray', createdAt: now })
  })

  it('stores a PNG named .jpg and declared JPEG as the PNG it is', async () => {
    const bytes = uniquePng()
    const result = await storeImage(env.IMAGES, db, { file: fileOf(bytes, 'photo.jpg', 'image/jpeg'), alt: 'A photo' }, now, originalsOnly)
    const hash = await sha256(bytes)
    expect(result.ok && result.image.contentType).toBe('image/png')
    expect(await env.IMAGES.head(`${hash}.png`)).not.toBeNull()
    expect(await env.IMAGES.head(`${hash}.jpg`)).toBeNull()
  })

  it('keeps one object and one row when the same bytes come twice', async () => {
    const bytes = uniquePng()
    const hash = await sha256(bytes)
    await storeImage(env.IMAGES, db, { file: fileOf(bytes), alt: 'First description' }, now, originalsOnly)
    const again = await storeImage(env.IMAGES, db, { file: fileOf(bytes), alt: 'Second description' }, new Date(now.getTime() + 1000), originalsOnly)
    expect(again.ok).toBe(true)
    expect((await env.IMAGES.list({ prefix: hash })).objects).toHaveLength(1)
    expect(await findImage(db, hash)).toMatchObject({ alt: 'First description', createdAt: now })
  })

  it.each<[string, () => File | null, string, string]>([
    ['a text file named .png', () => fileOf(notImages.text()), 'A photo', 'not-an-image'],
    ['an SVG declared as PNG', () => fileOf(notImages.svg(), 'drawing.png'), 'A drawing', 'not-an-image'],
    ['a GIF', () => fileOf(notImages.gif(), 'anim.gif', 'image/gif'), 'A loop', 'not-an-image'],
    ['a file over 5 MB', () => fileOf(uniquePng(maxImageBytes + 1)), 'A big photo', 'too-large'],
    ['an empty file', () => fileOf(new Uint8Array(0)), 'Nothing', 'empty'],
    ['no file', () => null, 'Nothing', 'empty'],
    ['a missing alt text', () => fileOf(uniquePng()), ' \n ', 'alt-missing'],
    ['an alt text over 200 characters', () => fileOf(uniquePng()), 'a'.repeat(201), 'alt-too-long'],
    ['a damaged PNG', () => fileOf(imageBytes('png').subarray(0, 16)), 'Broken', 'unreadable'],
  ])('refuses %s and stores nothing', async (_, file, alt, refusal) => {
    const made = file()
    const result = await storeImage(env.IMAGES, db, { file: made, alt }, now, originalsOnly)
    expect(result).toEqual({ ok: false, refusal })
    if (made && made.size > 0) {
      const hash = await sha256(new Uint8Array(await made.arrayBuffer()))
      expect(await findImage(db, hash)).toBeUndefined()
      expect((await env.IMAGES.list({ prefix: hash })).objects).toHaveLength(0)
    }
  })

  it('accepts exactly 5 MB and 200 characters of alt text', async () => {
    const result = await storeImage(env.IMAGES, db, { file: fileOf(uniquePng(maxImageBytes)), alt: 'a'.repeat(200) }, now, originalsOnly)
    expect(result.ok && result.image.byteSize).toBe(maxImageBytes)
  })

  it.each([
    ['put stores nothing', { put: async (): Promise<R2Object | null> => null }],
    ['head finds nothing', { head: async () => null }],
    ['head reports another size', { head: async (key: string) => readBack(key, (real) => ({ size: real.size - 1, checksums: real.checksums })) }],
    [
      'head reports another hash',
      { head: async (key: string) => readBack(key, (real) => ({ size: real.size, checksums: { sha256: new ArrayBuffer(32), toJSON: () => ({}) } })) },
    ],
    ['put fails', { put: async (): Promise<R2Object | null> => Promise.reject(new Error('R2 unavailable')) }],
  ] as const)('refuses the upload and writes no row when %s', async (_, wrappers) => {
    const bytes = uniquePng()
    const bucket = wrapBinding(env.IMAGES, wrappers as Partial<R2Bucket>)
    const result = await storeImage(bucket, db, { file: fileOf(bytes), alt: 'Lost on the way' }, now, originalsOnly)
    expect(result).toEqual({ ok: false, refusal: 'not-stored' })
    expect(await findImage(db, await sha256(bytes))).toBeUndefined()
  })
})
