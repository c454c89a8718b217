import { describe, expect, inject, it } from 'vitest'
import { fillBookingForm, newBooking } from './booking-form'
import { submit, useBrowser } from './browser'
import { waitForEmail } from './email-log'

const deliveryBudgetMs = 15_000

const withPage = useBrowser()

describe('notifying the practitioner', () => {
  it('a booking submitted in the browser reaches the local email log within 15 seconds', () =>
    withPage({}, async (page) => {
      expect((await page.goto('/book'))?.status()).toBe(200)
      const booking = newBooking('Notify Example', 8)
      const { email } = booking
      await fillBookingForm(page, booking)

      const status = await submit(page, 'Book this time')
      const submittedAt = Date.now()
      expect(status).toBe(200)
      // Booked directly: the patient lands on their page, which names the reference.
      expect(new URL(page.url()).pathname).toMatch(/^\/manage\/[0-9a-f]{32}$/)
      const reference = await page.locator('dl.details dt:text-is("Reference") + dd').innerText()
      expect(reference).toMatch(/^[A-Z2-9]{8}$/)

      const text = await waitForEmail(`New booking ${reference}`, submittedAt + deliveryBudgetMs)
      expect(Date.now() - submittedAt).toBeLessThan(deliveryBudgetMs)
      expect(text).toContain(`Reference: ${reference}`)
      expect(text).toContain(`Email: ${email}`)
      // The link opens this local server, as SITE_URL (set like npm run dev sets it) makes it.
      expect(text).toMatch(new RegExp(`Open the request in the inbox: ${inject('baseUrl').replaceAll('.', '\\.')}/admin/requests/[0-9a-f-]{36}`))
    }))
})
