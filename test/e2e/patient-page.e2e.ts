import { describe, expect, inject, it } from 'vitest'
import { defaultPractice as practice } from '../../src/config'
import { addDays, zonedDate } from '../../src/platform/time-zone'
import { fillBookingForm, newBooking, setBookingMode } from './booking-form'
import { axe, describeViolations, signIn, submit, useBrowser } from './browser'
import { waitForEmail } from './email-log'

const withPage = useBrowser()
const treatment = 'Back pain focused session'
const deliveryBudgetMs = 15_000
// Days of their own, so no other browser test's confirmed time overlaps the proposals.
const firstDay = addDays(zonedDate(new Date(), practice.timeZone), 5)

/** The patient's page link in an email, which already points at the local server (SITE_URL). */
function manageLinkIn(text: string): string {
  const link = new RegExp(`${inject('baseUrl').replaceAll('.', '\\.')}/manage/[0-9a-f]{32}`).exec(text)?.[0]
  if (!link) throw new Error(`no link to the patient's page on ${inject('baseUrl')} in:\n${text}`)
  return link
}

/**
 * axe runs as script in the page, which a context with JavaScript off cannot
 * do: the same address is opened again in a context with it on (a GET changes
 * nothing, so the page shows the same state).
 */
async function expectAccessible(url: string, state: string): Promise<void> {
  await withPage({}, async (page) => {
    expect((await page.goto(url))?.status()).toBe(200)
    expect(describeViolations(await axe(page)), state).toEqual([])
  })
}

/** The practitioner's calendar feed as the calendar app fetches it. */
const feedText = async (url: string) => {
  const response = await fetch(url.replace(/^https:\/\/clinic\.example\.com/, inject('baseUrl')))
  expect(response.status).toBe(200)
  return response.text()
}

describe('an appointment from proposal to cancellation, with JavaScript off', () => {
  it('the practitioner proposes two times; the patient chooses one from the emailed link, then cancels; the agenda and the feed follow', async () => {
    const booking = newBooking('Lifecycle Nakamura-Okonkwo', 9)
    let reference = ''
    let requestPath = ''
    let proposedDay = ''
    let feedUrl = ''

    // Proposing answers a request: the practitioner books the treatment by request first.
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      await setBookingMode(page, treatment, 'request')
    })

    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/book')
      await fillBookingForm(page, booking)
      expect(await submit(page, 'Send booking request')).toBe(200)
      reference = await page.locator('.reference strong').innerText()
    })

    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      await page.goto('/admin/calendar')
      expect(await submit(page, 'Create the feed address')).toBe(200)
      feedUrl = (await page.locator('#feed-url').innerText()).trim()
      expect(feedUrl).toMatch(/\/calendar\/[0-9a-f]{32}\.ics$/)

      await page.goto('/admin')
      await page.getByRole('link', { name: booking.name, exact: true }).click()
      await page.waitForURL('**/admin/requests/**')
      requestPath = new URL(page.url()).pathname
      // The first two free starts offered from that day on.
      await page.goto(`${requestPath}?from=${firstDay}`)
      await page.locator('#f-propose-slot1').selectOption({ index: 1 })
      await page.locator('#f-propose-slot2').selectOption({ index: 2 })
      proposedDay = (await page.locator('#f-propose-slot1').inputValue()).slice(0, 10)
      expect(await submit(page, 'Propose and email the patient')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Times proposed.')
      await setBookingMode(page, treatment, 'direct')
    })

    const proposal = await waitForEmail(`Times for your appointment ${reference}`, Date.now() + deliveryBudgetMs)
    const link = manageLinkIn(proposal)

    await withPage({ javaScriptEnabled: false }, async (page) => {
      expect((await page.goto(link))?.status()).toBe(200)
      expect(await page.getByRole('button', { name: 'Choose this time' }).count()).toBe(2)
      await expectAccessible(link, 'proposed')
      const [chosen] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Choose this time' }).first().click()])
      expect(chosen?.status(), await page.locator('main').innerText()).toBe(200)
      expect(await page.locator('dl.details').innerText()).toContain('Confirmed')
      await expectAccessible(link, 'confirmed')
    })

    await waitForEmail(`Your appointment is confirmed`, Date.now() + deliveryBudgetMs)
    expect(await feedText(feedUrl)).toContain(reference)

    // The practitioner only reads here, so this context keeps JavaScript on for axe.
    await withPage({}, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      await page.goto(`/admin/agenda?week=${proposedDay}`)
      const day = await page.locator(`section[aria-labelledby="day-${proposedDay}"]`).innerText()
      expect(day).toContain(booking.name)
      expect(describeViolations(await axe(page)), 'agenda').toEqual([])
      await page.goto(requestPath)
      expect(await page.locator('body').innerText()).toMatch(/proposed → confirmed/)
    })

    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(link)
      expect(await submit(page, 'Cancel this appointment')).toBe(200)
      expect(await page.locator('dl.details').innerText()).toContain('Cancelled')
      await expectAccessible(link, 'cancelled')
    })

    expect(await feedText(feedUrl)).not.toContain(reference)
  }, 180_000)
})
