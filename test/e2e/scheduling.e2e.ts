import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { fullDayName, defaultPractice as practice } from '../../src/config'
import { describeStart } from '../../src/features/bookings/domain/waitlist-words'
import { formatDay } from '../../src/platform/dates'
import { addDays, weekdayOf, zonedDate, zonedHour, zonedInstant } from '../../src/platform/time-zone'
import { fillBookingForm, newBooking, wallClock } from './booking-form'
import { axe, describeViolations, findHorizontalOverflow, signIn, submit, useBrowser, waitLikeAPerson } from './browser'
import { waitForEmail } from './email-log'

const withPage = useBrowser()
const phone = { width: 390, height: 844 }
const treatment = 'Back pain focused session'
const deliveryBudgetMs = 15_000
const fiveMinuteCron = '*/5 * * * *'
/** The cron offers a freed time once it has stayed free this long (settlingMs), and the test runs it a minute after. */
const settledMs = 16 * 60_000

/** The waitlist form's label for the part of the day a start falls in, on the clinic's clock. */
function partOfDay(start: number): RegExp {
  const hour = zonedHour(new Date(start), practice.timeZone)
  return hour < 12 ? /^Morning/ : hour < 17 ? /^Afternoon/ : /^Evening/
}

/**
 * The next 10:00 on the clinic's clock: outside the default quiet hours
 * (21:00–08:00), and so is 16 minutes later, so the cron runs there send.
 */
function nextMorningRun(): number {
  const today = zonedDate(new Date(), practice.timeZone)
  const todayAtTen = zonedInstant(today, '10:00', practice.timeZone).getTime()
  return todayAtTen > Date.now() ? todayAtTen : zonedInstant(addDays(today, 1), '10:00', practice.timeZone).getTime()
}

/** Runs the worker's five-minute cron as if it were `time` (epoch ms), through wrangler dev's local trigger. */
async function runCronAt(time: number): Promise<void> {
  const url = new URL('/cdn-cgi/local/scheduled', inject('baseUrl'))
  url.searchParams.set('cron', fiveMinuteCron)
  url.searchParams.set('time', String(time))
  const response = await fetch(url)
  expect(`${response.status} ${await response.text()}`, `the scheduled run at ${new Date(time).toISOString()}`).toBe('200 ok')
}

/** The path of the page the browser shows, without its query (a notice such as ?done=booked). */
const pathOf = (page: Page) => new URL(page.url()).pathname

/** The value of a row of the patient's page (`dl.details`), by its term. */
const detail = (page: Page, term: string) => page.locator(`dl.details dt:text-is("${term}") + dd`).innerText()

/** Opens the booking week of `treatment` and pages with "Next week" until `date` has a day of times. */
async function openWeekOf(page: Page, date: string): Promise<void> {
  await page.goto('/book')
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: treatment }).click()])
  const day = page.getByRole('group', { name: formatDay(date) })
  for (let week = 0; (await day.count()) === 0; week++) {
    if (week === 10) throw new Error(`no free time on ${date} within 10 weeks`)
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Next week' }).click()])
  }
}

/**
 * axe runs as script in the page, which a context with JavaScript off cannot
 * do: each page is opened again, by GET (which changes nothing), in a context
 * with it on at the same width, signed in for the inbox's pages.
 */
async function expectAccessible(path: string, { signedIn = false } = {}): Promise<void> {
  await withPage({ viewport: phone }, async (page) => {
    if (signedIn) {
      await page.goto('/admin')
      await signIn(page)
    }
    expect((await page.goto(path))?.status(), path).toBe(200)
    expect(await findHorizontalOverflow(page), path).toEqual([])
    expect(describeViolations(await axe(page)), path).toEqual([])
  })
}

/**
 * Sets the practice's quiet hours in the policies section ('' for none). The
 * waitlist's offer is made by the cron at a chosen time, but the queue
 * consumer sends it on this machine's clock, which may fall in the clinic's
 * quiet hours: the test turns them off, then puts them back.
 */
async function setQuietHours(value: string): Promise<void> {
  await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
    await page.goto('/admin')
    await signIn(page)
    await page.goto('/admin/settings/policies')
    await page.getByLabel('Quiet hours (no messages)').fill(value)
    expect(await submit(page, 'Save policies')).toBe(200)
    expect(await page.locator('main [role="status"]').innerText()).toBe('Saved the policies section.')
  })
}

describe('booking a free time, and the waitlist filling it once cancelled, with JavaScript off on a phone 390 px wide', () => {
  beforeAll(() => setQuietHours(''))
  afterAll(() => setQuietHours('21:00-08:00'))

  it('a patient books directly; a second no longer sees the time; the practitioner sees it in the week; the patient cancels and a waitlisted patient gets the offer and takes it', async () => {
    const first = newBooking('Scheduling Okafor-Lindqvist', 8)
    const waiting = newBooking('Scheduling Waitlisted Ruiz', 8)
    let start = 0
    let day = ''
    let firstPage = ''
    let bookedTime = ''

    // A week or more ahead, the first patient takes the first free time the page offers on a weekday.
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      expect((await page.goto('/book'))?.status()).toBe(200)
      await expectAccessible('/book')
      start = Number(await fillBookingForm(page, first))
      day = zonedDate(new Date(start), practice.timeZone)
      await expectAccessible(new URL(page.url()).pathname + new URL(page.url()).search)
      expect(await submit(page, 'Book this time')).toBe(200)
      expect(pathOf(page)).toMatch(/^\/manage\/[0-9a-f]{32}$/)
      firstPage = pathOf(page)
      expect(await page.getByRole('status').innerText()).toContain('Your appointment is booked.')
      expect(await detail(page, 'State')).toBe('Confirmed')
      bookedTime = await detail(page, 'Time')
      await expectAccessible(firstPage)
    })
    expect(day).toBe(first.date)

    // A second patient opening that week finds the day, without that time.
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      await openWeekOf(page, day)
      const weekPage = new URL(page.url())
      await expectAccessible(weekPage.pathname + weekPage.search)
      const times = page.getByRole('group', { name: formatDay(day) }).locator('input[name="start"]')
      expect(await times.count()).toBeGreaterThan(0)
      expect(await page.locator(`input[name="start"][value="${start}"]`).count(), `${new Date(start).toISOString()} is no longer offered`).toBe(0)
    })

    // The practitioner finds the appointment in the week view.
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      expect((await page.goto(`/admin/agenda?week=${day}`))?.status()).toBe(200)
      expect(await page.locator(`section[aria-labelledby="day-${day}"]`).innerText()).toContain(first.name)
      await expectAccessible(`/admin/agenda?week=${day}`, { signedIn: true })
    })

    // A third patient, finding no time that suits, joins the waitlist for that treatment, day and part of the day.
    let waitlistPage = ''
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      await openWeekOf(page, day)
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Join the waitlist' }).click()])
      const joinPage = new URL(page.url())
      expect(joinPage.pathname).toBe('/waitlist/join')
      await expectAccessible(joinPage.pathname + joinPage.search)
      expect(await page.getByLabel('Treatment').inputValue()).toBe('back-pain')
      await page.getByLabel('First date you could come').fill(day)
      await page.getByLabel('Last date you could come').fill(day)
      await page
        .getByRole('group', { name: 'Days of the week you could come' })
        .getByLabel(fullDayName(weekdayOf(day)), { exact: true })
        .check()
      await page.getByRole('group', { name: 'Parts of the day you could come' }).getByLabel(partOfDay(start)).check()
      await page.getByLabel('Your name').fill(waiting.name)
      await page.getByLabel('Email address').fill(waiting.email)
      await page.getByLabel('Yes, I am a returning patient').check()
      await page.getByLabel(/I agree that the clinic stores these details/).check()
      await waitLikeAPerson(page)
      expect(await submit(page, 'Join the waitlist')).toBe(200)
      expect(pathOf(page)).toMatch(/^\/waitlist\/[0-9a-f]{32}$/)
      waitlistPage = pathOf(page)
      expect(await page.locator('main').innerText()).toContain('No time has come free yet.')
      await expectAccessible(waitlistPage)
    })

    // The first patient cancels from their page.
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      await page.goto(firstPage)
      expect(await submit(page, 'Cancel this appointment')).toBe(200)
      expect(await detail(page, 'State')).toBe('Cancelled')
      await expectAccessible(firstPage)
    })

    // The cron sees the time freed, then offers it once it has stayed free past the settling delay.
    const firstRun = nextMorningRun()
    expect(firstRun + settledMs, 'the runs come before the freed start less the notice').toBeLessThan(start - practice.booking.minimumNoticeHours * 60 * 60_000)
    await runCronAt(firstRun)
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      await page.goto(waitlistPage)
      expect(await page.getByRole('button', { name: 'Take this time' }).count(), 'nothing offered before the settling delay').toBe(0)
    })
    const offeredAt = Date.now()
    await runCronAt(firstRun + settledMs)
    const offer = await waitForEmail(`A time has come free at ${practice.clinicName}`, offeredAt + deliveryBudgetMs)
    expect(offer).toContain(`Hello ${waiting.name},`)
    expect(offer).toContain('A time you could come has come free: ')
    const link = new RegExp(`${inject('baseUrl').replaceAll('.', '\\.')}(/waitlist/[0-9a-f]{32})`).exec(offer)?.[1]
    expect(link).toBe(waitlistPage)

    // The waitlisted patient opens their page from the email, takes the time, and lands on their own appointment page.
    await withPage({ viewport: phone, javaScriptEnabled: false }, async (page) => {
      expect((await page.goto(waitlistPage))?.status()).toBe(200)
      await expectAccessible(waitlistPage)
      // Cancelling frees every start the appointment overlapped (9:00 and 9:30 for an hour at 9:00): each is offered.
      const freed = page.locator('form', { hasText: wallClock(describeStart(new Date(start), practice)) })
      expect(await freed.count()).toBe(1)
      const [taken] = await Promise.all([page.waitForNavigation(), freed.getByRole('button', { name: 'Take this time' }).click()])
      expect(taken?.status()).toBe(200)
      expect(pathOf(page)).toMatch(/^\/manage\/[0-9a-f]{32}$/)
      expect(pathOf(page)).not.toBe(firstPage)
      expect(await detail(page, 'State')).toBe('Confirmed')
      expect(await detail(page, 'Time')).toBe(bookedTime)
      await expectAccessible(pathOf(page))
    })
  }, 240_000)
})
