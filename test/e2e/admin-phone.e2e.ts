import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { openWeekday } from '../helpers/dates'
import { fillBookingForm, setBookingMode } from './booking-form'
import { axe, describeViolations, findBrokenWords, findHorizontalOverflow, signIn, submit, useBrowser, waitLikeAPerson } from './browser'

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))
const widths = [320, 390] as const
const run = Date.now().toString(36)
const treatment = 'Back pain focused session'

// Long names and 60-character addresses, as real patients have, unique to this run.
const booking = {
  name: 'Maria-Fernanda Wojciechowska-Oyelaran Thorvaldsdóttir',
  email: `maria-fernanda.wojciechowska-oyelaran+${run}@inbox.example`,
  date: openWeekday(9),
}
const contacts = {
  320: { name: 'Bartholomew Featherstonehaugh-Cholmondeley de Montmorency', email: `bartholomew.featherstonehaugh+${run}@cholmondeleys.example` },
  390: { name: 'Oluwaseun Adebayo-Vanderbilt Kristjánsdóttir-Nakamura', email: `oluwaseun.adebayovanderbilt+${run}@kristjansdottir.example` },
}
// A pasted link is the longest unbreakable text a note or message usually holds.
const longNote = `Called back, left a voicemail. Referral letter: https://referrals.example.org/letters/${run}-lumbar-radiculopathy-wojciechowska`

const withPage = useBrowser()

async function sendQuestion(page: Page, { name, email }: { name: string; email: string }): Promise<void> {
  await page.goto('/contact')
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('By email').check()
  await page.getByLabel('Your question or message').fill(`Is acupuncture suitable after a lumbar discectomy? ${longNote}`)
  await page.getByLabel(/I agree that the clinic stores this message/).check()
  await waitLikeAPerson(page)
  expect(await submit(page, 'Send message')).toBe(200)
}

async function sendBooking(page: Page): Promise<void> {
  await page.goto('/book')
  await fillBookingForm(page, { ...booking, notes: longNote })
  expect(await submit(page, 'Send booking request')).toBe(200)
}

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true })
  expect([booking, ...Object.values(contacts)].map(({ email }) => email.length)).toEqual([60, 60, 60])
  // The booking is a request to answer: the practitioner books the treatment by request while it is sent, then directly again.
  await withPage({}, async (practitioner) => {
    await practitioner.goto('/admin')
    await signIn(practitioner)
    await setBookingMode(practitioner, treatment, 'request')
    // The forms wait like a person before sending, so the three are filled side by side.
    await withPage({}, async (page) => {
      const [second, third] = [await page.context().newPage(), await page.context().newPage()]
      await Promise.all([sendBooking(page), sendQuestion(second, contacts[320]), sendQuestion(third, contacts[390])])
    })
    await setBookingMode(practitioner, treatment, 'direct')
  })
})

describe.each(widths)('the inbox on a phone %i px wide', (width) => {
  it('signs in and works through every inbox page: nothing past the right edge, no squeezed column, no axe violations', () =>
    withPage({ viewport: { width, height: 800 } }, async (page) => {
      const contact = contacts[width]
      const problems: string[] = []
      const check = async (name: string) => {
        expect(page.viewportSize()?.width).toBe(width)
        await page.screenshot({ path: `${screenshotDir}admin-${name}-${width}.png`, fullPage: true })
        for (const overflow of await findHorizontalOverflow(page)) problems.push(`${name}: ${overflow}`)
        // A squeezed table fits the width too, a letter or two a line: no short word may break.
        for (const word of (await findBrokenWords(page)).slice(0, 5)) problems.push(`${name}: ${word}`)
        for (const violation of describeViolations(await axe(page))) problems.push(`${name}: ${violation}`)
      }

      await page.goto('/admin')
      await check('login')
      await signIn(page)
      await check('inbox')
      expect(await page.locator('main').innerText()).toContain(booking.name)
      expect(await page.locator('main').innerText()).toContain(contact.name)

      await page.getByLabel('Name, email or reference').fill(`nobody-${run}`)
      expect(await submit(page, 'Filter')).toBe(200)
      expect(await page.locator('main').innerText()).toContain('No requests match.')
      await check('inbox-empty')

      await page.goto('/admin')
      await page.getByRole('link', { name: booking.name, exact: true }).click()
      await page.waitForURL('**/admin/requests/**')
      await page.getByLabel('Private note').fill(longNote)
      expect(await submit(page, 'Save note')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Note saved.')
      expect(await page.locator('.details').first().innerText()).toContain(booking.email)
      expect(await page.getByRole('heading', { name: 'Confirm an appointment' }).isVisible()).toBe(true)
      expect(await page.locator('.history li').count()).toBeGreaterThan(0)
      await check('booking')

      await page.goto('/admin')
      await page.getByRole('link', { name: contact.name, exact: true }).click()
      await page.waitForURL('**/admin/requests/**')
      expect(await page.locator('.details').first().innerText()).toContain(contact.email)
      await check('question')

      await page.getByRole('link', { name: 'Erase a patient' }).click()
      await page.waitForURL('**/admin/erase')
      await check('erase')
      // The browser accepts an address without a top-level domain; the inbox does not.
      await page.getByLabel('Patient’s email address').fill(contact.email.replace(/\.example$/, ''))
      expect(await submit(page, 'Find their data')).toBe(422)
      await check('erase-error')
      await page.getByLabel('Patient’s email address').fill(contact.email)
      expect(await submit(page, 'Find their data')).toBe(200)
      expect(await page.locator('main').innerText()).toContain(`This permanently erases 1 request from ${contact.email}`)
      await check('erase-confirm')
      expect(await submit(page, 'Erase permanently')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Erased 1 request')
      await check('erase-done')

      expect(problems).toEqual([])
    }))
})
