import { describe, expect, it } from 'vitest'
import {
  deleteImage,
  findImage,
  findImages,
  insertImage,
  listArticleBodies,
  listImages,
  type NewArticleImage,
} from '../../../../src/features/articles/store/article-images'
import { db } from '../../../helpers/forms'
import { storeArticle } from '../../../helpers/publishing'

const now = new Date('2026-11-20T10:00:00Z')
const randomHash = () => Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('')
const image = (overrides: Partial<NewArticleImage> = {}): NewArticleImage => ({
  hash: randomHash(),
  contentType: 'image/webp',
  width: 640,
  height: 480,
  byteSize: 12345,
  alt: 'Cups on a back',
  ...overrides,
})

describe('article_images', () => {
  it('inserts once: the same hash again keeps the first row', async () => {
    const first = image()
    await insertImage(db(), first, now)
    await insertImage(db(), { ...first, alt: 'Another description', width: 1 }, new Date(now.getTime() + 1))
    expect(await findImage(db(), first.hash)).toEqual({ ...first, variants: [], createdAt: now })
  })

  it('finds many by hash in one map, more than one statement can bind, unknown ones absent', async () => {
    const stored = Array.from({ length: 120 }, () => image())
    for (const row of stored) await insertImage(db(), row, now)
    const unknown = randomHash()
    const found = await findImages(db(), [...stored.map((row) => row.hash), unknown, stored[0]!.hash])
    expect(found.size).toBe(120)
    expect(found.get(stored[119]!.hash)).toMatchObject({ width: 640, height: 480 })
    expect(found.has(unknown)).toBe(false)
    expect((await findImages(db(), [])).size).toBe(0)
  })

  it('lists images newest first', async () => {
    const older = image()
    const newer = image()
    await insertImage(db(), older, new Date('2030-01-01T00:00:00Z'))
    await insertImage(db(), newer, new Date('2030-01-02T00:00:00Z'))
    const hashes = (await listImages(db())).map((row) => row.hash)
    expect(hashes.indexOf(newer.hash)).toBe(0)
    expect(hashes.indexOf(older.hash)).toBe(1)
  })

  it('deletes an image no article mentions, and never one an article does, whatever its state', async () => {
    const spare = image()
    const kept = image()
    await insertImage(db(), spare, now)
    await insertImage(db(), kept, now)
    await storeArticle({ state: 'draft', body: `Soon: ![x](/images/${kept.hash}.webp)` })
    expect(await listArticleBodies(db())).toContainEqual(expect.stringContaining(kept.hash))
    expect(await deleteImage(db(), kept.hash)).toBe(false)
    expect(await findImage(db(), kept.hash)).toBeDefined()
    expect(await deleteImage(db(), spare.hash)).toBe(true)
    expect(await findImage(db(), spare.hash)).toBeUndefined()
    expect(await deleteImage(db(), spare.hash)).toBe(false)
  })
})
