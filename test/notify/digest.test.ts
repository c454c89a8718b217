import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { practice } from '../../src/config'
import { crons } from '../../src/index'
import { addDays, zonedDate, zonedHour, zonedInstant } from '../../src/lib/time-zone'
import { isDigestHour } from '../../src/notify/digest'
import { queueNames } from '../../src/notify/message'
import { wrapBinding } from '../helpers/bindings'
import { bookingFields, contactFields } from '../helpers/forms'
import { captureWebhook, deliver, failingEmail, recordingEmail, runCron, submit, withWebhook } from '../helpers/notify'

afterEach(() => {
  vi.restoreAllMocks()
})

/** The next time the clinic's wall clock shows `hour`:00, at least a minute from now. */
function nextLocalHour(hour: number): Date {
  const today = zonedDate(new Date(), practice.timeZone)
  const candidate = zonedInstant(today, `${String(hour).padStart(2, '0')}:00`, practice.timeZone)
  return candidate.getTime() > Date.now() + 60_000 ? candidate : zonedInstant(addDays(today, 1), `${String(hour).padStart(2, '0')}:00`, practice.timeZone)
}

/** Runs the hourly cron at `at` and returns the digest email, if one was sent. */
async function digestAt(at: Date, overrides: Partial<Env> = {}) {
  const email = recordingEmail()
  await runCron(crons.hourly, at, { EMAIL: email.binding, ...overrides })
  expect(email.sent.length).toBeLessThanOrEqual(1)
  return email.sent[0]
}

const figure = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1])

describe('the daily digest', () => {
  it('reports the last day: requests received, notifications delivered, failed and pending', async () => {
    // Now, with the digest hour set to the current one, so everything just stored falls in "the last day".
    const at = new Date(Date.now() + 1000)
    const thisHour = { DIGEST_HOUR: String(zonedHour(at, practice.timeZone)) }
    const before = (await digestAt(at, thisHour))!
    expect(before).toMatchObject({ to: 'practitioner@clinic.example.com', from: { email: 'notifications@clinic.example.com' } })

    const booking = await submit('/book', await bookingFields())
    const delivered = await submit('/contact', await contactFields())
    const failed = await submit('/contact', await contactFields())
    await deliver([{ notificationId: delivered.channel('email').id }], { env: { EMAIL: recordingEmail().binding } })
    await deliver([{ notificationId: failed.channel('email').id }], { env: { EMAIL: failingEmail(new Error('down')) } })
    await deliver([{ notificationId: failed.channel('email').id }], { queue: queueNames.deadLetter })

    const after = (await digestAt(at, thisHour))!
    const count = (pattern: RegExp) => figure(after.text!, pattern) - figure(before.text!, pattern)
    expect(count(/(\d+) booking,/)).toBe(1)
    expect(count(/(\d+) contact\./)).toBe(2)
    expect(count(/(\d+) delivered/)).toBe(1)
    expect(count(/(\d+) failed,/)).toBe(1)
    expect(count(/(\d+) pending/)).toBe(1)
    expect(after.subject).toMatch(new RegExp(`^Daily summary for ${zonedDate(at, practice.timeZone)}: \\d+ new, [1-9]\\d* failed$`))
    expect(after.text).toContain('Failed notifications can be resent from the inbox.')
    // Figures and references only: no names, no health details.
    expect(after.text).not.toContain(booking.request.name)
    expect(after.html).not.toContain(booking.request.name)
  })

  it('lists requests still open after two days, with links to the inbox', async () => {
    const { request } = await submit('/contact', await contactFields())
    const threeDaysOn = nextLocalHour(7)
    threeDaysOn.setTime(threeDaysOn.getTime() + 3 * 24 * 60 * 60 * 1000)
    const digest = (await digestAt(threeDaysOn))!
    expect(figure(digest.text!, /Open requests older than two days: (\d+)\./)).toBeGreaterThanOrEqual(1)
    expect(digest.text).toContain(`- ${request.reference}, contact, received `)
    expect(digest.html).toContain(`<a href="https://clinic.example.com/admin/requests/${request.id}">${request.reference}, contact, received`)
  })

  it('is sent only in the configured hour of the clinic time zone', async () => {
    const seven = nextLocalHour(7)
    expect(zonedHour(seven, practice.timeZone)).toBe(7)
    expect(await digestAt(new Date(seven.getTime() + 60 * 60 * 1000))).toBeUndefined()
    expect(await digestAt(new Date(seven.getTime() - 60 * 60 * 1000))).toBeUndefined()
    expect(await digestAt(nextLocalHour(18), { DIGEST_HOUR: '18' })).toBeDefined()
    expect(await digestAt(seven, { DIGEST_HOUR: '18' })).toBeUndefined()
  })

  it('also goes to the webhook when one is configured', async () => {
    const calls = captureWebhook()
    const at = nextLocalHour(7)
    const email = await digestAt(at, withWebhook)
    expect(email).toBeDefined()
    expect(calls).toHaveLength(1)
    expect(calls[0]!.headers.get('X-Clinic-Delivery')).toBe(`digest-${zonedDate(at, practice.timeZone)}`)
    const payload = JSON.parse(calls[0]!.body) as { event: string; text: string; figures: { received: object } }
    expect(payload.event).toBe('digest')
    expect(payload.text.startsWith(email!.subject)).toBe(true)
    expect(payload.figures.received).toHaveProperty('booking')
  })

  it('fails the scheduled run when a channel cannot take it, after the other has had its try', async () => {
    const calls = captureWebhook()
    await expect(runCron(crons.hourly, nextLocalHour(7), { ...withWebhook, EMAIL: failingEmail(new Error('Email Service down')) })).rejects.toThrow(
      'the daily digest did not go out on every channel',
    )
    expect(calls).toHaveLength(1)
  })
})

describe('the digest hour across daylight saving changes (America/Los_Angeles)', () => {
  const timeZone = 'America/Los_Angeles'
  const hourMs = 60 * 60 * 1000

  /** The local dates of every hourly tick that sends, over the day before, the day and the day after. */
  function digestDates(day: string, digestHour: number): string[] {
    const sent: string[] = []
    const end = zonedInstant(addDays(day, 2), '00:00', timeZone).getTime()
    for (let tick = zonedInstant(addDays(day, -1), '00:00', timeZone).getTime(); tick < end; tick += hourMs) {
      if (isDigestHour(new Date(tick), { digestHour, timeZone })) sent.push(zonedDate(new Date(tick), timeZone))
    }
    return sent
  }

  describe.each([0, 1, 2, 7])('DIGEST_HOUR=%i', (digestHour) => {
    it.each(['2026-11-01', '2027-03-14', '2027-06-15'])('sends exactly once on each local date around %s', (day) => {
      expect(digestDates(day, digestHour)).toEqual([addDays(day, -1), day, addDays(day, 1)])
    })
  })

  it('fall back: 01:00 happens twice (08:00Z PDT, 09:00Z PST) and only the first sends', () => {
    expect(isDigestHour(new Date('2026-11-01T08:00:00Z'), { digestHour: 1, timeZone })).toBe(true)
    expect(isDigestHour(new Date('2026-11-01T09:00:00Z'), { digestHour: 1, timeZone })).toBe(false)
  })

  it('spring forward: 02:00 never happens, so the 03:00 PDT run (10:00Z) sends', () => {
    expect(isDigestHour(new Date('2027-03-14T09:00:00Z'), { digestHour: 2, timeZone })).toBe(false)
    expect(isDigestHour(new Date('2027-03-14T10:00:00Z'), { digestHour: 2, timeZone })).toBe(true)
    expect(isDigestHour(new Date('2027-03-14T11:00:00Z'), { digestHour: 2, timeZone })).toBe(false)
  })

  it('midnight sends on the first run of the new date only', () => {
    expect(isDigestHour(new Date('2027-06-15T07:00:00Z'), { digestHour: 0, timeZone })).toBe(true)
    expect(isDigestHour(new Date('2027-06-15T08:00:00Z'), { digestHour: 0, timeZone })).toBe(false)
  })
})

describe('the hourly run', () => {
  it('sends the digest even when the retention purge fails, then fails the run', async () => {
    // Only the purge writes receipts: pointing its insert at a missing table makes D1 itself refuse that batch.
    const DB = wrapBinding(env.DB, { prepare: (query: string) => env.DB.prepare(query.replace('insert into "receipts"', 'insert into "missing_receipts"')) })
    const email = recordingEmail()
    await expect(runCron(crons.hourly, nextLocalHour(7), { DB, EMAIL: email.binding })).rejects.toThrow(/no such table: missing_receipts/)
    expect(email.sent).toHaveLength(1)
    expect(email.sent[0]!.subject).toMatch(/^Daily summary for /)
  })
})
