import type { Page } from 'playwright-core'
import { openWeekday } from '../helpers/dates'
import { waitLikeAPerson } from './browser'

export interface Booking {
  name: string
  email: string
  date: string
  notes?: string
}

/** Fills /book as a patient would, by label, waiting the human fill time before the caller submits. */
export async function fillBookingForm(page: Page, { name, email, date, notes }: Booking): Promise<void> {
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Phone number').fill('+1 555 010 0199')
  await page.getByLabel('Treatment').selectOption('back-pain')
  await page.getByLabel('Disc-related or sciatica').check()
  await page.getByLabel('No, I am a new patient').check()
  const firstChoice = page.getByRole('group', { name: 'First choice of time' })
  await firstChoice.getByLabel('Date').fill(date)
  await firstChoice.getByLabel('Time of day').selectOption('morning')
  if (notes) await page.getByLabel('Anything else we should know').fill(notes)
  await page.getByLabel(/I agree that the clinic stores this request/).check()
  await waitLikeAPerson(page)
}

/** A booking with an email unique to this run, a week or more ahead. */
export const newBooking = (name: string, daysAhead = 7): Booking => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}@example.org`,
  date: openWeekday(daysAhead),
})
