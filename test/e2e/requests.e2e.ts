import { describe, expect, it } from 'vitest'
import { fillBookingForm, newBooking } from './booking-form'
import { expectNoAxeViolations, submit, useBrowser, waitLikeAPerson } from './browser'

const withPage = useBrowser()

const robin = (email: string) => ({ ...newBooking('Robin Example'), email, notes: 'Left leg, worse when sitting' })

// axe needs JavaScript in the page; the no-JavaScript proof runs without it.
describe('requesting an appointment', () => {
  it('with JavaScript off, shows the mistake next to its field, keeps what was typed, and gives a reference once corrected', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      expect((await page.goto('/book'))?.status()).toBe(200)
      await fillBookingForm(page, robin('robin.example.org'))
      expect(await submit(page, 'Send booking request')).toBe(422)

      const email = page.getByLabel('Email address')
      expect(await email.getAttribute('aria-invalid')).toBe('true')
      expect(await email.inputValue()).toBe('robin.example.org')
      const describedBy = (await email.getAttribute('aria-describedby')) ?? ''
      expect(await page.locator(`#${describedBy.split(' ').at(-1)}`).innerText()).toContain('Enter an email address in the correct format')
      expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual(['Enter an email address in the correct format, like name@example.com'])
      expect(await page.getByLabel('Your name').inputValue()).toBe('Robin Example')
      expect(await page.getByLabel('Anything else we should know').inputValue()).toBe('Left leg, worse when sitting')
      expect(await page.getByLabel('Disc-related or sciatica').isChecked()).toBe(true)

      await email.fill('robin@example.org')
      expect(await submit(page, 'Send booking request')).toBe(200)
      expect(new URL(page.url()).pathname).toBe('/book/thanks')
      const reference = await page.locator('.reference strong').innerText()
      expect(reference).toMatch(/^[A-Z2-9]{8}$/)
      expect(new URL(page.url()).searchParams.get('ref')).toBe(reference)
    }))

  it('axe finds no violations on the form, its error state and the thanks page', () =>
    withPage({}, async (page) => {
      await page.goto('/book')
      await expectNoAxeViolations(page)
      await fillBookingForm(page, robin('robin.example.org'))
      expect(await submit(page, 'Send booking request')).toBe(422)
      await expectNoAxeViolations(page)
      await page.getByLabel('Email address').fill('robin.axe@example.org')
      expect(await submit(page, 'Send booking request')).toBe(200)
      await expectNoAxeViolations(page)
    }))

  it('the contact form passes axe, empty and with errors', () =>
    withPage({}, async (page) => {
      await page.goto('/contact')
      await expectNoAxeViolations(page)
      await waitLikeAPerson(page)
      expect(await submit(page, 'Send message')).toBe(422)
      expect(await page.getByRole('alert').getByRole('link').count()).toBeGreaterThanOrEqual(4)
      await expectNoAxeViolations(page)
    }))
})
