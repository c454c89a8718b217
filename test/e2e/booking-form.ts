import type { Page } from 'playwright-core'
import { formatDay } from '../../src/platform/dates'
import { openWeekday } from '../helpers/dates'
import { submit, waitLikeAPerson } from './browser'

export interface Booking {
  name: string
  email: string
  /** The clinic date whose first free time the patient picks. */
  date: string
  notes?: string
}

/** The weeks a patient pages through looking for a date, at most: the booking horizon's. */
const weeksAhead = 10

/**
 * Books as a patient would, by label, from the booking page the browser
 * shows: the back-pain treatment, "Next week" until `date`'s day appears, its
 * first free time, Continue, then the details, waiting the human fill time
 * before the caller submits ("Book this time" when the treatment books
 * directly, "Send booking request" when by request). Resolves to the chosen
 * start (epoch ms, as the form sends it).
 */
export async function fillBookingForm(page: Page, { name, email, date, notes }: Booking): Promise<string> {
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back pain focused session' }).click()])
  const day = page.getByRole('group', { name: formatDay(date) })
  for (let week = 0; (await day.count()) === 0; week++) {
    if (week === weeksAhead) throw new Error(`no free time on ${date} within ${weeksAhead} weeks`)
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Next week' }).click()])
  }
  const first = day.locator('input[name="start"]').first()
  const start = (await first.getAttribute('value')) ?? ''
  await first.check()
  await submit(page, 'Continue')
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Phone number').fill('+1 555 010 0199')
  await page.getByLabel('Disc-related or sciatica').check()
  await page.getByLabel('No, I am a new patient').check()
  if (notes) await page.getByLabel('Anything else we should know').fill(notes)
  await page.getByLabel(/I agree that the clinic stores these details/).check()
  await waitLikeAPerson(page)
  return start
}

/** A booking with an email unique to this run, a week or more ahead. */
export const newBooking = (name: string, daysAhead = 7): Booking => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}@example.org`,
  date: openWeekday(daysAhead),
})
