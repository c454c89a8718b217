import { afterEach, describe, expect, it, vi } from 'vitest'
import { practice } from '../../src/config'
import { crons } from '../../src/index'
import { addDays, zonedDate, zonedHour, zonedInstant } from '../../src/lib/time-zone'
import { queueNames } from '../../src/notify/message'
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
