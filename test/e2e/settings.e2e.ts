import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { defaultPractice } from '../../src/config'
import { formatDate, formatDay } from '../../src/platform/dates'
import { addDays, weekdayOf, zonedDate } from '../../src/platform/time-zone'
import { axe, describeViolations, signIn, submit, useBrowser } from './browser'

const withPage = useBrowser()
// A change shows everywhere within this long (each isolate re-reads its settings once they are 5 s old).
const freshnessBudgetMs = 10_000
const byName = (page: Page, name: string) => page.locator(`[name="${name}"]`)
const treatment = 'Back pain focused session'
/** The weeks a patient pages through, at most: the booking horizon's. */
const weeksAhead = 10

/** The first Monday in the clinic's calendar beyond the minimum notice (a day), so its whole day is bookable. */
function nextMonday(): string {
  let day = addDays(zonedDate(new Date(), defaultPractice.timeZone), 2)
  while (weekdayOf(day) !== 'Mo') day = addDays(day, 1)
  return day
}

/** The name prefix (`items.<n>`) of the treatment row holding `name`. */
async function treatmentRow(page: Page, name: string): Promise<string> {
  const field = page.locator(`input[name^="items."][name$=".name"][value="${name}"]`)
  return (await field.getAttribute('name'))!.replace(/\.name$/, '')
}

/** The days of the week of `monday` with a free time for the treatment, as a patient finds them: its week on /book, then "Next week". */
async function daysOffered(page: Page, monday: string): Promise<string[]> {
  await page.goto('/book')
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: treatment }).click()])
  const heading = page.getByRole('heading', { name: `Week of ${formatDate(monday)} to` })
  for (let week = 0; (await heading.count()) === 0; week++) {
    if (week === weeksAhead) throw new Error(`the week of ${monday} not offered within ${weeksAhead} weeks`)
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Next week' }).click()])
  }
  return page.locator('fieldset.time-day > legend').allInnerTexts()
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + freshnessBudgetMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not seen within ${freshnessBudgetMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('the practitioner sets time off and a price, with JavaScript off', () => {
  it('the booking page shows the new time off with its note and its week no free time on those days, and the home page shows the new price, within 10 s', async () => {
    const monday = nextMonday()
    const friday = addDays(monday, 4)
    const weekdays = [0, 1, 2, 3, 4]
      .map((day) => addDays(monday, day))
      .filter((date) => !defaultPractice.booking.closedDates.includes(date))
      .map(formatDay)
    const saturday = formatDay(addDays(monday, 5))
    const note = `Away at a conference ${Date.now().toString(36)}`

    await withPage({ javaScriptEnabled: false }, async (page) => {
      expect(await daysOffered(page, monday)).toEqual([...weekdays, saturday])
    })

    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      await page.goto('/admin/settings')
      await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Time off' }).click()
      const blankRow = await page.locator('input[name^="entries."][name$=".from"][value=""]').first().getAttribute('name')
      const row = blankRow!.replace(/\.from$/, '')
      await byName(page, `${row}.from`).fill(monday)
      await byName(page, `${row}.to`).fill(friday)
      await byName(page, `${row}.note`).fill(note)
      expect(await submit(page, 'Save time off')).toBe(200)
      expect(await page.locator('main [role="status"]').innerText()).toBe('Saved the time off section.')
      await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Treatments' }).click()
      const prefix = await treatmentRow(page, treatment)
      await byName(page, `${prefix}.price`).fill('99.50')
      expect(await submit(page, 'Save treatments')).toBe(200)
      expect(new URL(page.url()).pathname).toBe('/admin/settings/treatments')
    })

    await eventually(async () => (await (await fetch(new URL('/', inject('baseUrl')))).text()).includes('$99.50'), 'the new price on the home page')
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await eventually(async () => {
        await page.goto('/book')
        return (await page.locator('main').innerText()).includes(note)
      }, 'the note on the booking page')
      expect(await daysOffered(page, monday)).toEqual([saturday])
    })

    // axe runs as script in the page, so the settings page is checked in a context with JavaScript on.
    await withPage({}, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      for (const path of ['', '/practice', '/hours', '/time-off', '/treatments', '/policies']) {
        expect((await page.goto(`/admin/settings${path}`))?.status()).toBe(200)
        expect(describeViolations(await axe(page)), `settings${path}`).toEqual([])
      }
      await page.goto('/admin/settings/treatments')
      const prefix = await treatmentRow(page, treatment)
      await byName(page, `${prefix}.price`).fill('-5')
      expect(await submit(page, 'Save treatments')).toBe(422)
      expect(describeViolations(await axe(page)), 'settings with an error').toEqual([])

      // The time off and the price back as they were, for the browser tests that follow.
      await page.goto('/admin/settings/time-off')
      const row = (await page.locator(`input[name^="entries."][name$=".note"][value="${note}"]`).getAttribute('name'))!.replace(/\.note$/, '')
      for (const field of ['from', 'to', 'note']) await byName(page, `${row}.${field}`).fill('')
      expect(await submit(page, 'Save time off')).toBe(200)
      await page.goto('/admin/settings/treatments')
      await byName(page, `${await treatmentRow(page, treatment)}.price`).fill('95.00')
      expect(await submit(page, 'Save treatments')).toBe(200)
    })
  }, 180_000)
})
