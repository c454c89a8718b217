import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fillBookingForm, newBooking } from './booking-form'
import { expectNoAxeViolations, findHorizontalOverflow, submit, useBrowser, waitLikeAPerson } from './browser'

const withPage = useBrowser()

const robin = (email: string) => ({ ...newBooking('Robin Example'), email, notes: 'Left leg, worse when sitting' })

/** Whether the page scrolls sideways: wider than its window. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return root.scrollWidth > root.clientWidth
  })

/** Reads well on a 320 px phone (no sideways scroll) and axe finds nothing. */
async function expectReadableAt320(page: Page): Promise<void> {
  expect(await scrollsSideways(page), `${page.url()} scrolls sideways at 320 px`).toBe(false)
  await expectNoAxeViolations(page)
}

// axe needs JavaScript in the page; the no-JavaScript proof runs without it.
describe('booking a free time', () => {
  it('with JavaScript off, takes a time at once: the mistake shown next to its field, what was typed kept, then the patient’s page; the time is then offered to nobody', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      expect((await page.goto('/book'))?.status()).toBe(200)
      const start = await fillBookingForm(page, robin('robin.example.org'))
      expect(await submit(page, 'Book this time')).toBe(422)

      const email = page.getByLabel('Email address')
      expect(await email.getAttribute('aria-invalid')).toBe('true')
      expect(await email.inputValue()).toBe('robin.example.org')
      const describedBy = (await email.getAttribute('aria-describedby')) ?? ''
      expect(await page.locator(`#${describedBy.split(' ').at(-1)}`).innerText()).toContain('Enter an email address in the correct format')
      expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual(['Enter an email address in the correct format, like name@example.com'])
      expect(await page.getByLabel('Your name').inputValue()).toBe('Robin Example')
      expect(await page.getByLabel('Anything else we should know').inputValue()).toBe('Left leg, worse when sitting')
      expect(await page.getByLabel('Disc-related or sciatica').isChecked()).toBe(true)
      expect(await page.locator('input[name="start"]').getAttribute('value')).toBe(start)

      await email.fill('robin@example.org')
      expect(await submit(page, 'Book this time')).toBe(200)
      expect(new URL(page.url()).pathname).toMatch(/^\/manage\/[0-9a-f]{32}$/)
      expect(await page.locator('main').innerText()).toContain('Your appointment is booked.')

      await page.goto('/book')
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back pain focused session' }).click()])
      for (let next = 0; next < 10 && (await page.locator(`input[name="start"][value="${start}"]`).count()) === 0; next++) {
        if ((await page.getByRole('link', { name: 'Next week' }).count()) === 0) break
        await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Next week' }).click()])
      }
      expect(await page.locator(`input[name="start"][value="${start}"]`).count(), `${start} is no longer offered`).toBe(0)
    }))

  it('the treatments, the week, the details step and its errors read at 320 px without sideways scroll and pass axe', () =>
    withPage({ viewport: { width: 320, height: 740 } }, async (page) => {
      await page.goto('/book')
      await expectReadableAt320(page)
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back pain focused session' }).click()])
      await expectReadableAt320(page)
      await page.locator('input[name="start"]').first().check()
      expect(await submit(page, 'Continue')).toBe(200)
      await expectReadableAt320(page)
      await waitLikeAPerson(page)
      expect(await submit(page, 'Book this time')).toBe(422)
      expect(await page.getByRole('alert').getByRole('link').count()).toBeGreaterThanOrEqual(4)
      await expectReadableAt320(page)
    }))

  it('axe finds no violations on the week with a time refused, and on the patient’s page', () =>
    withPage({}, async (page) => {
      await page.goto('/book')
      await fillBookingForm(page, robin('robin.axe@example.org'))
      expect(await submit(page, 'Book this time')).toBe(200)
      await expectNoAxeViolations(page)
      await page.goto('/book/details?treatment=back-pain&start=nine')
      expect(await page.getByRole('alert').innerText()).toContain('Choose a time from the list')
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

describe('asking a question', () => {
  it('with JavaScript off, a question is answered with its summary and the link to its own page, which shows no message; both read at 320 px and pass axe', async () => {
    const pages: string[] = []
    const question = `Do you treat tennis elbow? ${Date.now().toString(36)}`
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/contact')
      await page.getByLabel('Your name').fill('Question Example')
      await page.getByLabel('Email address').fill(`question.${Date.now().toString(36)}@example.org`)
      await page.getByLabel('By email').check()
      await page.getByLabel('Your question or message').fill(question)
      await page.getByLabel(/I agree that the clinic stores this message/).check()
      await waitLikeAPerson(page)
      expect(await submit(page, 'Send message')).toBe(200)
      const reference = await page.locator('.reference strong').innerText()
      expect(await page.locator('main').innerText()).toContain('A question')
      pages.push(new URL(page.url()).pathname + new URL(page.url()).search)
      const [opened] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'See your request' }).click()])
      expect(opened?.status()).toBe(200)
      expect(await page.locator('h1').innerText()).toBe('Your question')
      const text = await page.locator('main').innerText()
      expect(text).toContain(reference)
      expect(text).not.toContain(question)
      pages.push(new URL(page.url()).pathname)
    })
    // axe and the width check run as script in the page, which a context with JavaScript off cannot do:
    // the same addresses are opened again, by GET (which changes nothing), with it on.
    await withPage({ viewport: { width: 320, height: 700 } }, async (page) => {
      for (const path of pages) {
        expect((await page.goto(path))?.status(), path).toBe(200)
        expect(await findHorizontalOverflow(page), path).toEqual([])
        await expectNoAxeViolations(page)
      }
    })
  })
})
