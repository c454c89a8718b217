import { describe, expect, it } from 'vitest'
import { formatPreferredTime } from '../../src/platform/dates'
import { fillBookingForm, newBooking } from './booking-form'
import { expectNoAxeViolations, submit, useBrowser } from './browser'

// The local-only password of .dev.vars.example, which the e2e server runs with.
const devPassword = 'clinic-dev-password'
const withPage = useBrowser()

describe('the practitioner’s inbox', () => {
  it('signs in, finds the request a patient just sent, confirms a time, sees it scheduled, then erases it', () =>
    withPage({}, async (page) => {
      const booking = newBooking(`Inbox Patient ${Date.now().toString(36)}`, 10)
      const { name, email, date } = booking
      await page.goto('/book')
      await fillBookingForm(page, booking)
      expect(await submit(page, 'Send booking request')).toBe(200)
      const reference = await page.locator('.reference strong').innerText()

      await page.goto('/admin')
      expect(new URL(page.url()).pathname).toBe('/admin/login')
      await expectNoAxeViolations(page)
      await page.getByLabel('Password').fill(devPassword)
      expect(await submit(page, 'Sign in')).toBe(200)
      expect(new URL(page.url()).pathname).toBe('/admin')

      await page.getByLabel('Name, email or reference').fill(reference)
      expect(await submit(page, 'Filter')).toBe(200)
      // The search is saved behind an id: what was typed never reaches the address.
      expect(page.url()).toMatch(/\/admin\?filter=[0-9a-f]{32}$/)
      await expectNoAxeViolations(page)
      await page.getByRole('link', { name }).click()
      await page.waitForURL('**/admin/requests/**')
      expect(await page.locator('h1').innerText()).toContain(reference)
      await expectNoAxeViolations(page)

      await page.getByLabel(/^Appointment start/).selectOption({ label: `${formatPreferredTime(date, 'morning')}, 09:30` })
      expect(await submit(page, 'Confirm and email the patient')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Appointment confirmed.')
      expect(await page.locator('#f-status').inputValue()).toBe('scheduled')
      expect(await page.locator('main').innerText()).toMatch(/Confirmed for\s+\S+ \d{1,2}, \d{4}, 9:30\s?AM/)
      await expectNoAxeViolations(page)

      await page.getByRole('link', { name: 'Erase a patient' }).click()
      await page.waitForURL('**/admin/erase')
      await expectNoAxeViolations(page)
      await page.getByLabel('Patient’s email address').fill(email)
      expect(await submit(page, 'Find their data')).toBe(200)
      expect(await page.locator('main').innerText()).toContain(`This permanently erases 1 request from ${email}`)
      await expectNoAxeViolations(page)
      expect(await submit(page, 'Erase permanently')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Erased 1 request')
      await page.getByRole('link', { name: 'Requests', exact: true }).click()
      await page.waitForURL('**/admin')
      await page.getByLabel('Name, email or reference').fill(reference)
      expect(await submit(page, 'Filter')).toBe(200)
      expect(await page.locator('main').innerText()).toContain('No requests match.')
    }))
})
