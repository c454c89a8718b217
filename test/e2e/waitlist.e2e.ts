import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../src/config'
import { describeDate } from '../../src/features/bookings/domain/waitlist-words'
import { addDays, zonedDate } from '../../src/platform/time-zone'
import { expectNoAxeViolations, submit, useBrowser, waitLikeAPerson } from './browser'

const withPage = useBrowser()
const phone = { width: 390, height: 844 }
const narrowest = { width: 320, height: 640 }

/** Whether the page scrolls sideways: wider than its own window. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const scrolling = document.scrollingElement!
    return scrolling.scrollWidth > scrolling.clientWidth
  })

/**
 * axe and the width check run as script in the page, which a context with
 * JavaScript off cannot do: the same address is opened again at 320 px with it
 * on (a GET changes nothing, so the page shows the same state).
 */
async function expectReadableAt320(path: string): Promise<void> {
  await withPage({ viewport: narrowest }, async (page) => {
    expect((await page.goto(path))?.status()).toBe(200)
    expect(await scrollsSideways(page), `${path} scrolls sideways at 320 px`).toBe(false)
    await expectNoAxeViolations(page)
  })
}

describe('joining the waitlist, with JavaScript off', () => {
  it('a patient joins from the form at 390 px and their page shows their wish; both pages read at 320 px and pass axe', async () => {
    const today = zonedDate(new Date(), practice.timeZone)
    const fromDate = addDays(today, 3)
    const toDate = addDays(today, 17)
    const email = `waitlist.e2e.${Date.now().toString(36)}@example.org`
    let pagePath = ''

    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      expect((await page.goto('/waitlist/join?treatment=back-pain'))?.status()).toBe(200)
      expect(await page.getByLabel('Treatment').inputValue()).toBe('back-pain')
      await page.getByLabel('First date you could come').fill(fromDate)
      await page.getByLabel('Last date you could come').fill(toDate)
      await page.getByLabel('Wednesday').check()
      await page.getByLabel('Saturday').check()
      await page.getByLabel('Morning (before 12:00)').check()
      await page.getByLabel('Evening (from 17:00)').check()
      await page.getByLabel('Your name').fill('Wilhelmina Waitlist-Okonkwo')
      await page.getByLabel('Email address').fill(email)
      await page.getByLabel('Yes, I am a returning patient').check()
      await page.getByLabel(/I agree that the clinic stores these details/).check()
      await waitLikeAPerson(page)
      expect(await submit(page, 'Join the waitlist')).toBe(200)

      const url = new URL(page.url())
      expect(url.pathname).toMatch(/^\/waitlist\/[0-9a-f]{32}$/)
      expect(url.search).toBe('?done=joined')
      pagePath = url.pathname
      expect(await page.getByRole('status').innerText()).toContain('You are on the waitlist. We have emailed you the link to this page.')
      const wish = await page.locator('dl.details').innerText()
      expect(wish).toContain('Back pain focused session')
      expect(wish).toContain(`${describeDate(fromDate, practice.locale)} to ${describeDate(toDate, practice.locale)}`)
      expect(wish).toContain('Wednesday, Saturday')
      expect(wish).toContain('Morning, Evening')
      expect(await page.getByRole('button', { name: 'Leave the waitlist' }).count()).toBe(1)
    })

    await expectReadableAt320('/waitlist/join?treatment=back-pain')
    await expectReadableAt320(pagePath)
  })
})
