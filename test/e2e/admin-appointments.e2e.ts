import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../src/config'
import { addDays, zonedDate } from '../../src/platform/time-zone'
import { fillBookingForm, newBooking, setBookingMode } from './booking-form'
import { axe, describeViolations, findBrokenWords, findHorizontalOverflow, signIn, submit, useBrowser } from './browser'

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))
const withPage = useBrowser()
const treatment = 'Back pain focused session'
const booking = newBooking('Appointment Wojciechowska-Thorvaldsdóttir', 8)
// A clinic date three days ahead, whatever the browser's zone: its week is the agenda's this week or next.
const agendaDay = addDays(zonedDate(new Date(), practice.timeZone), 3)

// A request to answer: the practitioner books the treatment by request while the patient sends it, then directly again.
beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true })
  await withPage({}, async (page) => {
    await page.goto('/admin')
    await signIn(page)
    await setBookingMode(page, treatment, 'request')
    await withPage({}, async (patient) => {
      await patient.goto('/book')
      await fillBookingForm(patient, booking)
      expect(await submit(patient, 'Send booking request')).toBe(200)
    })
    await setBookingMode(page, treatment, 'direct')
  })
})

describe('answering a booking on a phone 320 px wide', () => {
  it('proposes, confirms and finds it on the agenda: nothing past the right edge, no squeezed column, no axe violations', () =>
    withPage({ viewport: { width: 320, height: 800 } }, async (page) => {
      const problems: string[] = []
      const check = async (name: string) => {
        await page.screenshot({ path: `${screenshotDir}appointment-${name}-320.png`, fullPage: true })
        for (const overflow of await findHorizontalOverflow(page)) problems.push(`${name}: ${overflow}`)
        for (const word of (await findBrokenWords(page)).slice(0, 5)) problems.push(`${name}: ${word}`)
        for (const violation of describeViolations(await axe(page))) problems.push(`${name}: ${violation}`)
      }

      await page.goto('/admin')
      await signIn(page)
      await check('inbox')
      await page.getByRole('link', { name: booking.name, exact: true }).click()
      await page.waitForURL('**/admin/requests/**')
      await check('requested')

      // The first free start offered.
      await page.locator('#f-propose-slot1').selectOption({ index: 1 })
      expect(await submit(page, 'Propose and email the patient')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Times proposed.')
      await check('proposed')

      await page.locator('#f-slot').selectOption('other')
      await page.locator('#f-otherDate').fill(agendaDay)
      await page.locator('#f-otherStart').fill('10:00')
      expect(await submit(page, 'Confirm and email the patient')).toBe(200)
      expect(await page.getByRole('heading', { name: 'Move the appointment' }).isVisible()).toBe(true)
      await check('confirmed')

      await page.goto(`/admin/agenda?week=${agendaDay}`)
      expect(await page.locator(`section[aria-labelledby="day-${agendaDay}"]`).innerText()).toContain(booking.name)
      await check('agenda')

      expect(problems).toEqual([])
    }))
})

describe('the week view on a wide screen', () => {
  it('shows the seven days side by side with no horizontal scroll and no axe violations', () =>
    withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto('/admin/agenda')
      await signIn(page)
      await page.goto(`/admin/agenda?week=${agendaDay}`)
      expect(await page.locator('section.agenda-day').count()).toBe(7)
      const tops = await page.locator('section.agenda-day').evaluateAll((days) => days.map((day) => Math.round(day.getBoundingClientRect().top)))
      expect(new Set(tops).size).toBe(1)
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true)
      await page.screenshot({ path: `${screenshotDir}agenda-1280.png`, fullPage: true })
      expect(describeViolations(await axe(page))).toEqual([])
    }))
})
