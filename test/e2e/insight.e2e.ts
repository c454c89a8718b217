import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fillBookingForm, newBooking } from './booking-form'
import { axe, describeViolations, findHorizontalOverflow, signIn, submit, useBrowser } from './browser'

const articlePath = '/articles/low-back-pain-relief-acupuncture'
// Headless Chromium names itself in its user agent, and bots are not counted: the reader browses as an ordinary Chrome.
const readerAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
/** A view reaches D1 about a second after it is counted, in its own request's waitUntil; the dashboard is given twice that. */
const countedWithinMs = 2_000

const withPage = useBrowser()

/** One of the article's figures as the dashboard shows them (0 while it has no row yet). */
async function dashboardFigure(page: Page, column: 'Views' | 'Booked directly'): Promise<number> {
  expect((await page.goto('/admin/insight'))?.status()).toBe(200)
  const cell = page.locator(`tr:has(a[href="${articlePath}"]) td[data-label="${column}"]`)
  return (await cell.count()) === 0 ? 0 : Number((await cell.textContent())!.replace(/\D/g, ''))
}

/** The article's views as the dashboard shows them (0 while it has no row yet). */
const dashboardViews = (page: Page) => dashboardFigure(page, 'Views')

describe('the insight dashboard', () => {
  it('shows a reader’s view under the article at its first load two seconds later, and passes axe on a desktop and at 390 px', () =>
    withPage({}, async (practitioner) => {
      await practitioner.goto('/admin/login')
      await signIn(practitioner)
      // Views of earlier tests may still be waiting for their write: the count must hold still for that long first.
      let before = await dashboardViews(practitioner)
      for (let again = Number.NaN; again !== before; ) {
        if (!Number.isNaN(again)) before = again
        await practitioner.waitForTimeout(countedWithinMs)
        again = await dashboardViews(practitioner)
      }

      await withPage({ userAgent: readerAgent }, async (reader) => {
        expect((await reader.goto(articlePath))?.status()).toBe(200)
      })
      // No other request comes to write it: the dashboard's first load after the wait shows it.
      await practitioner.waitForTimeout(countedWithinMs)
      expect(await dashboardViews(practitioner)).toBe(before + 1)

      expect(await practitioner.getByRole('img', { name: /^Views per week/ }).count()).toBe(1)
      expect(await practitioner.getByRole('table', { name: 'Views per week, week by week' }).count()).toBe(1)
      expect(describeViolations(await axe(practitioner))).toEqual([])
      await practitioner.setViewportSize({ width: 390, height: 844 })
      expect(await findHorizontalOverflow(practitioner)).toEqual([])
      expect(describeViolations(await axe(practitioner))).toEqual([])
    }))

  it('shows a time booked directly through the article’s booking link under the article', () =>
    withPage({}, async (practitioner) => {
      await practitioner.goto('/admin/login')
      await signIn(practitioner)
      const before = await dashboardFigure(practitioner, 'Booked directly')

      await withPage({ userAgent: readerAgent, javaScriptEnabled: false }, async (reader) => {
        await reader.goto(articlePath)
        await reader.getByRole('link', { name: 'Book an appointment' }).click()
        expect(new URL(reader.url()).pathname).toBe('/book')
        await fillBookingForm(reader, newBooking('Reader Example'))
        await reader.getByLabel('How did you hear about us?').selectOption({ label: 'An article on this site' })
        expect(await submit(reader, 'Book this time')).toBe(200)
        expect(new URL(reader.url()).pathname).toMatch(/^\/manage\/[0-9a-f]{32}$/)
      })
      expect(await dashboardFigure(practitioner, 'Booked directly')).toBe(before + 1)
    }))
})
