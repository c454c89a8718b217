import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectNoAxeViolations, findHorizontalOverflow, signIn, useBrowser } from './browser'

const screenshotDir = fileURLToPath(new URL('../../test-results/emails/', import.meta.url))
const phone = { width: 390, height: 844 }
const withPage = useBrowser()

beforeAll(() => {
  mkdirSync(screenshotDir, { recursive: true })
})

describe('the inbox’s email previews', () => {
  it('lists every email from the inbox’s navigation, and shows each at 390 px with nothing wider than the phone; the list passes axe', async () => {
    const kinds: string[] = []
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      const listed = await page.locator('header nav a[href="/admin/emails"]').getAttribute('href')
      expect((await page.goto(listed!))?.status()).toBe(200)
      for (const link of await page.locator('main li a[href^="/admin/emails/"]').all()) {
        kinds.push((await link.getAttribute('href'))!.replace('/admin/emails/', ''))
      }
      expect(kinds).toEqual(
        expect.arrayContaining(['acknowledgement-booking', 'acknowledgement-contact', 'confirmed', 'waitlist-offer', 'new-request', 'digest']),
      )
      expect(kinds.length).toBeGreaterThanOrEqual(18)
      for (const kind of kinds) {
        expect((await page.goto(`/admin/emails/${kind}.html`))?.status(), kind).toBe(200)
        await page.screenshot({ path: `${screenshotDir}${kind}.png`, fullPage: true })
      }
    })

    // axe and the width checks run as script in the page, which a context with JavaScript off cannot
    // do: the same addresses are opened again, by GET (which changes nothing), with it on at the same width.
    await withPage({ viewport: phone }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      expect((await page.goto('/admin/emails'))?.status()).toBe(200)
      await expectNoAxeViolations(page)
      expect(await findHorizontalOverflow(page)).toEqual([])
      for (const kind of kinds) {
        expect((await page.goto(`/admin/emails/${kind}.html`))?.status(), kind).toBe(200)
        expect(await page.evaluate(() => document.documentElement.scrollWidth), kind).toBeLessThanOrEqual(phone.width)
        expect(await findHorizontalOverflow(page), kind).toEqual([])
      }
    })
  }, 180_000)
})
