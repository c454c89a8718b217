import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, findHorizontalOverflow, signIn, submit, useBrowser } from './browser'

/** The few calls of sharp this file makes. */
type Sharp = (
  input: Buffer,
  options: { raw: { width: number; height: number; channels: 3 } },
) => { jpeg(options: { quality: number }): { toBuffer(): Promise<Buffer> } }

/**
 * The sharp that `wrangler dev` runs the Images binding's local mode with
 * (a dependency of the miniflare wrangler uses), so this file adds none.
 */
function loadSharp(): Sharp {
  const fromProject = createRequire(import.meta.url)
  const fromWrangler = createRequire(fromProject.resolve('wrangler/package.json'))
  return createRequire(fromWrangler.resolve('miniflare'))('sharp') as Sharp
}

const width = 2400
const height = 1600

/**
 * A 2400 × 1600 JPEG of about 1.4 MB standing for a photograph from a camera
 * or phone: colour at every scale from broad shapes down to grain (value noise
 * in six octaves, from a fixed seed), which survives downscaling as a real
 * photo's detail does. A smooth gradient would shrink to almost nothing and
 * prove nothing.
 */
async function photoJpeg(): Promise<Buffer> {
  let seed = 20_261_207
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
    return seed / 0x7fffffff - 0.5
  }
  const octave = (cell: number, amplitude: number) => {
    const columns = Math.ceil(width / cell) + 2
    const grid = Float32Array.from({ length: columns * (Math.ceil(height / cell) + 2) * 3 }, random)
    return (x: number, y: number, channel: number) => {
      const fx = x / cell
      const fy = y / cell
      const ix = Math.floor(fx)
      const iy = Math.floor(fy)
      const tx = fx - ix
      const ty = fy - iy
      const at = (gx: number, gy: number) => grid[(gy * columns + gx) * 3 + channel]!
      const top = at(ix, iy) * (1 - tx) + at(ix + 1, iy) * tx
      const bottom = at(ix, iy + 1) * (1 - tx) + at(ix + 1, iy + 1) * tx
      return amplitude * (top * (1 - ty) + bottom * ty)
    }
  }
  const octaves = [octave(400, 160), octave(120, 70), octave(40, 40), octave(12, 78), octave(4, 48), octave(1.5, 24)]
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 3; channel++) {
        pixels[(y * width + x) * 3 + channel] = Math.max(
          0,
          Math.min(
            255,
            octaves.reduce((value, add) => value + add(x, y, channel), 128),
          ),
        )
      }
    }
  }
  return loadSharp()(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer()
}

const withPage = useBrowser()
let photo: Buffer

beforeAll(async () => {
  photo = await photoJpeg()
}, 60_000)

/** Image bytes the page downloaded (bodies as transferred, from playwright's request sizes), and their URLs. */
async function loadCountingImages(page: Page, path: string) {
  const images: { url: string; bytes: number }[] = []
  const pending: Promise<void>[] = []
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'image') return
    pending.push(request.sizes().then((sizes) => void images.push({ url: new URL(request.url()).pathname, bytes: sizes.responseBodySize })))
  })
  expect((await page.goto(path, { waitUntil: 'load' }))?.status()).toBe(200)
  // Below-the-fold images load lazily: scroll through the article so each one the reader would see is counted.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  await page.waitForLoadState('networkidle')
  await Promise.all(pending)
  return { images, total: images.reduce((sum, image) => sum + image.bytes, 0) }
}

describe('an article with a 2400 × 1600 photo, on a phone', () => {
  it('is uploaded with its copies and downloads at most 100 kB of image on a 390 px phone at any density', async () => {
    expect(photo.length).toBeGreaterThan(1_300_000)
    const stamp = Date.now().toString(36)
    const slug = `a-photo-on-a-phone-${stamp}`
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      await page.goto('/admin/articles')
      await page.getByRole('link', { name: 'New article' }).click()
      await page.locator('#f-title').fill(`A photo on a phone ${stamp}`)
      await page.locator('#f-slug').fill(slug)
      await page.locator('#f-description').fill('A treatment room photographed in full size, to see what a phone downloads of it.')
      await page.locator('#f-tags').fill('clinic')
      await page.locator('#f-body').fill('The treatment room, as patients see it when they come in.\n')
      expect(await submit(page, 'Save as draft')).toBe(200)
      await page.locator('#f-image').setInputFiles({ name: 'room.jpg', mimeType: 'image/jpeg', buffer: photo })
      await page.getByLabel(/Alt text/).fill('The treatment room with its couch by the window')
      expect(await submit(page, 'Upload image')).toBe(200)
      expect(await page.locator('#f-body').inputValue()).toMatch(/!\[The treatment room with its couch by the window\]\(\/images\/[0-9a-f]{64}\.jpg\)/)
      expect(await submit(page, 'Save')).toBe(200)
      expect(await submit(page, 'Publish now')).toBe(200)
    })
    const deadline = Date.now() + 10_000
    while ((await fetch(new URL(`/articles/${slug}`, inject('baseUrl')))).status !== 200) {
      if (Date.now() > deadline) throw new Error('the article was not published within 10 s')
      await new Promise((resolve) => setTimeout(resolve, 250))
    }

    const measured: Record<string, { url: string; bytes: number }[]> = {}
    for (const deviceScaleFactor of [1, 1.75, 2, 3]) {
      await withPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor, isMobile: true, hasTouch: true }, async (page) => {
        const { images, total } = await loadCountingImages(page, `/articles/${slug}`)
        measured[`${deviceScaleFactor}x`] = images
        expect(images.map((image) => image.url)).toEqual([expect.stringMatching(/^\/images\/[0-9a-f]{64}\/(480|720|1080)\.avif$/)])
        expect(total, `image bytes at ${deviceScaleFactor}x`).toBeLessThanOrEqual(100_000)
        const shown = page.locator('main picture img')
        expect(await shown.getAttribute('loading')).toBe('eager')
        expect(await shown.getAttribute('fetchpriority')).toBe('high')
        expect(await shown.evaluate((image: HTMLImageElement) => [image.naturalWidth > 0, image.width <= 390 - 32])).toEqual([true, true])
      })
    }
    // The figures docs/performance.md reports.
    console.log(`original ${photo.length} B; downloaded on a 390 px phone: ${JSON.stringify(measured)}`)

    await withPage({ viewport: { width: 320, height: 640 } }, async (page) => {
      await page.goto(`/articles/${slug}`)
      expect(await findHorizontalOverflow(page)).toEqual([])
      await expectNoAxeViolations(page)
    })
  }, 240_000)
})
