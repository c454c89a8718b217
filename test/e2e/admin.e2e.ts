import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openWeekday } from '../helpers/dates'
import { expectNoAxeViolations, submit, useBrowser, waitLikeAPerson } from './browser'

// The local-only password of .dev.vars.example, which the e2e server runs with.
const devPassword = 'clinic-dev-password'
const withPage = useBrowser()

const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`

async function requestBooking(page: Page, name: string, date: string) {
  await page.goto('/book')
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(emailOf(name))
  await page.getByLabel('Phone number').fill('+1 555 010 0177')
  await page.getByLabel('Treatment').selectOption('back-pain')
  await page.getByLabel('Muscular: tight or sore muscles').check()
  await page.getByLabel('Yes, I am a returning patient').check()
  const firstChoice = page.getByRole('group', { name: 'First choice of time' })
  await firstChoice.getByLabel('Date').fill(date)
  await firstChoice.getByLabel('Time of day').selectOption('morning')
  await page.getByLabel(/I agree that the clinic stores this request/).check()
  await waitLikeAPerson(page)
  expect(await submit(page, 'Send booking request')).toBe(200)
  return page.locator('.reference strong').innerText()
}

describe('the practitioner’s inbox', () => {
  it('signs in, finds the request a patient just sent, confirms a time, sees it scheduled, then erases it', () =>
    withPage({}, async (page) => {
      const name = `Inbox Patient ${Date.now().toString(36)}`
      const date = openWeekday(10)
      const email = emailOf(name)
      const reference = await requestBooking(page, name, date)

      await page.goto('/admin')
      expect(new URL(page.url()).pathname).toBe('/admin/login')
      await expectNoAxeViolations(page)
      await page.getByLabel('Password').fill(devPassword)
      expect(await submit(page, 'Sign in')).toBe(200)
      expect(new URL(page.url()).pathname).toBe('/admin')

      await page.getByLabel('Name, email or reference').fill(reference)
      expect(await submit(page, 'Filter')).toBe(200)
      await expectNoAxeViolations(page)
      await page.getByRole('link', { name }).click()
      await page.waitForURL('**/admin/requests/**')
      expect(await page.locator('h1').innerText()).toContain(reference)
      await expectNoAxeViolations(page)

      await page.getByLabel(new RegExp(`^${date}, morning`)).check()
      await page.getByLabel(/^Start time/).fill('09:30')
      expect(await submit(page, 'Confirm and email the patient')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Appointment confirmed.')
      expect(await page.locator('#f-status').inputValue()).toBe('scheduled')
      expect(await page.locator('.details').innerText()).toMatch(/Confirmed for\s+\S+ \d{1,2}, \d{4}, 9:30\s?AM/)
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
      await page.goto(`/admin?q=${reference}`)
      expect(await page.locator('main').innerText()).toContain('No requests match.')
    }))
})
