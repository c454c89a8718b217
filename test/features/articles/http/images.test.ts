import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { storeImage } from '../../../../src/features/articles/images/upload'
import { createDb } from '../../../../src/platform/database'
import { imageBytes, uniquePng } from '../../../fixtures/images'
import { request } from '../../../helpers/http'

const now = new Date('2026-11-20T10:00:00Z')
/** These tests are about the original: no Images binding, so no copies are made. */
const originalsOnly = { transforms: undefined }

async function storePng(bytes = uniquePng()) {
  const result = await storeImage(env.IMAGES, createDb(env.DB), { file: new File([bytes], 'photo.png'), alt: 'A photo' }, now, originalsOnly)
  if (!result.ok) throw new Error(result.refusal)
  return { hash: result.image.hash, bytes }
}

describe('GET /images/<hash>.<ext>', () => {
  it('streams the image with its type, hash ETag, a year of immutable caching and nosniff', async () => {
    const { hash, bytes } = await storePng()
    const response = await request(`/images/${hash}.png`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/png')
    expect(response.headers.get('ETag')).toBe(`"${hash}"`)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
  })

  it('serves a stored AVIF as image/avif', async () => {
    const bytes = imageBytes('avif')
    const result = await storeImage(env.IMAGES, createDb(env.DB), { file: new File([bytes], 'x.avif'), alt: 'An AVIF' }, now, originalsOnly)
    const response = await request(`/images/${result.ok && result.image.hash}.avif`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/avif')
  })

  it('answers 304 with no body to a matching If-None-Match, weak or in a list', async () => {
    const { hash } = await storePng()
    for (const header of [`"${hash}"`, `W/"${hash}"`, `"other", "${hash}"`]) {
      const response = await request(`/images/${hash}.png`, { headers: { 'If-None-Match': header } })
      expect(response.status).toBe(304)
      expect(response.headers.get('ETag')).toBe(`"${hash}"`)
      expect(await response.text()).toBe('')
    }
    expect((await request(`/images/${hash}.png`, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200)
  })

  it('is never kept in the page cache, so each answer comes from R2', async () => {
    const { hash } = await storePng()
    expect((await request(`/images/${hash}.png`)).status).toBe(200)
    await env.IMAGES.delete(`${hash}.png`)
    expect((await request(`/images/${hash}.png`)).status).toBe(404)
  })

  it.each([
    ['an unknown hash', `/images/${'0'.repeat(64)}.png`],
    ['the wrong extension', 'EXT'],
    ['a short hash', `/images/${'a'.repeat(63)}.png`],
    ['upper-case hex', `/images/${'A'.repeat(64)}.png`],
    ['an SVG name', `/images/${'a'.repeat(64)}.svg`],
    ['an encoded path', '/images/..%2Fadmin.png'],
    ['a trailing extension', `/images/${'a'.repeat(64)}.png.html`],
    ['no name', '/images/'],
  ])('answers 404 for %s', async (_, path) => {
    const { hash } = await storePng()
    const response = await request(path === 'EXT' ? `/images/${hash}.jpg` : path)
    expect(response.status).toBe(404)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })

  it('answers 404, not 304, to a matching If-None-Match for an image that is gone', async () => {
    const { hash } = await storePng()
    await env.IMAGES.delete(`${hash}.png`)
    expect((await request(`/images/${hash}.png`, { headers: { 'If-None-Match': `"${hash}"` } })).status).toBe(404)
  })
})
