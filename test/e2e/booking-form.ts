import type { Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { formatDay } from '../../src/platform/dates'
import { openWeekday } from '../helpers/dates'
import { submit, waitLikeAPerson } from './browser'

export interface Booking {
  name: string
  email: string
  /** The clinic date whose first free time the patient picks. */
  date: string
  notes?: string
  /** How many of the day's first free times to pick: more than one only when the treatment is booked by request. */
  picks?: number
}

/** The weeks a patient pages through looking for a date, at most: the booking horizon's. */
const weeksAhead = 10

/**
 * Books as a patient would, by label, from the booking page the browser
 * shows: the back-pain treatment, "Next week" until `date`'s day appears, its
 * first free time (or first `picks` times), Continue, then the details,
 * waiting the human fill time before the caller submits ("Book this time"
 * when the treatment books directly, "Send booking request" when by request).
 * Resolves to the first chosen start (epoch ms, as the form sends it).
 */
export async function fillBookingForm(page: Page, { name, email, date, notes, picks = 1 }: Booking): Promise<string> {
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back pain focused session' }).click()])
  const day = page.getByRole('group', { name: formatDay(date) })
  for (let week = 0; (await day.count()) === 0; week++) {
    if (week === weeksAhead) throw new Error(`no free time on ${date} within ${weeksAhead} weeks`)
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Next week' }).click()])
  }
  const times = day.locator('input[name="start"]')
  const start = (await times.first().getAttribute('value')) ?? ''
  for (let pick = 0; pick < picks; pick++) await times.nth(pick).check()
  await submit(page, 'Continue')
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Phone number').fill('+1 503 555 0199')
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

export type BookingMode = 'direct' | 'request'

const modeLabels: Record<BookingMode, string> = { direct: 'Patients book a free time directly', request: 'Patients request, you confirm' }
/** Words of the week page that tell the modes apart. */
const modeWords: Record<BookingMode, string> = { direct: 'it is booked for you at once', request: 'we confirm one of them by email' }
/** A settings change shows everywhere within this long (each isolate re-reads its settings once they are 5 s old). */
const freshnessBudgetMs = 10_000

/**
 * Sets how patients book `treatment` (its name) in the inbox's treatment
 * settings, as the practitioner does, on a page already signed in; resolves
 * once the treatment's week on /book shows that mode.
 */
export async function setBookingMode(page: Page, treatment: string, mode: BookingMode): Promise<void> {
  await page.goto('/admin/settings/treatments')
  const row = page.getByRole('group', { name: treatment, exact: true })
  const id = await row.locator('input[type="hidden"][name$=".id"]').inputValue()
  await row.getByRole('group', { name: 'How patients book it' }).getByLabel(modeLabels[mode]).check()
  expect(await submit(page, 'Save treatments')).toBe(200)
  expect(await page.locator('main [role="status"]').innerText()).toBe('Saved the treatments section.')
  const deadline = Date.now() + freshnessBudgetMs
  while (!(await (await fetch(new URL(`/book?treatment=${id}`, inject('baseUrl')))).text()).includes(modeWords[mode])) {
    if (Date.now() > deadline) throw new Error(`${treatment} not booked by ${mode} on /book within ${freshnessBudgetMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * A time as the pages show it, matched whatever spaces the runtime's ICU
 * puts in it (a narrow no-break space before AM in some versions, a plain one
 * in others) and however the page breaks its lines.
 */
export const wallClock = (text: string): RegExp =>
  new RegExp(
    text
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  )
