import { describe, expect, it } from 'vitest'
import { formatInstant } from '../../src/platform/dates'
import { fillBookingForm, newBooking, setBookingMode, wallClock } from './booking-form'
import { expectNoAxeViolations, submit, useBrowser } from './browser'

// The local-only password of .dev.vars.example, which the e2e server runs with.
const devPassword = 'clinic-dev-password'
const withPage = useBrowser()
const treatment = 'Back pain focused session'

describe('the practitioner’s inbox', () => {
  it('signs in, books the treatment by request, finds the request a patient just sent, confirms one of the picked times with one click, sees it scheduled, then erases it', () =>
    withPage({}, async (page) => {
      const booking = { ...newBooking(`Inbox Patient ${Date.now().toString(36)}`, 10), picks: 2 }
      const { name, email } = booking

      await page.goto('/admin')
      expect(new URL(page.url()).pathname).toBe('/admin/login')
      await expectNoAxeViolations(page)
      await page.getByLabel('Password').fill(devPassword)
      expect(await submit(page, 'Sign in')).toBe(200)
      expect(new URL(page.url()).pathname).toBe('/admin')
      await setBookingMode(page, treatment, 'request')

      let reference = ''
      let start = ''
      await withPage({}, async (patient) => {
        await patient.goto('/book')
        start = await fillBookingForm(patient, booking)
        expect(await submit(patient, 'Send booking request')).toBe(200)
        reference = await patient.locator('.reference strong').innerText()
      })

      await page.goto('/admin')
      await page.getByLabel('Name, email or reference').fill(reference)
      expect(await submit(page, 'Filter')).toBe(200)
      // The search is saved behind an id: what was typed never reaches the address.
      expect(page.url()).toMatch(/\/admin\?filter=[0-9a-f]{32}$/)
      await expectNoAxeViolations(page)
      await page.getByRole('link', { name }).click()
      await page.waitForURL('**/admin/requests/**')
      expect(await page.locator('h1').innerText()).toContain(reference)
      await expectNoAxeViolations(page)

      // Each time the patient picked is one button; the first is the earliest.
      const picked = new Date(Number(start))
      expect(await page.getByRole('button', { name: /^Confirm (?!and)/ }).count()).toBe(2)
      const [confirmed] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: wallClock(`Confirm ${formatInstant(picked)}`) }).click(),
      ])
      expect(confirmed?.status()).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Appointment confirmed.')
      expect(await page.locator('#f-status').inputValue()).toBe('scheduled')
      expect(await page.locator('main').innerText()).toMatch(wallClock(`Confirmed for ${formatInstant(picked)}`))
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

      await setBookingMode(page, treatment, 'direct')
    }))
})
