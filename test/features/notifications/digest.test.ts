import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { isDigestHour } from '../../../src/features/notifications/digest'
import { queueNames } from '../../../src/features/notifications/message'
import { addDays, zonedDate, zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { wrapBinding } from '../../helpers/bindings'
import { expectClinicLayout } from '../../helpers/email-layout'
import { captureWebhook, deliver, failingEmail, linkIn, recordingEmail, runCron, silentEmail, storeAt, withWebhook } from '../../helpers/notify'

afterEach(() => {
  vi.restoreAllMocks()
})

/*
 * Every digest here runs at a fixed instant in the past, each test on a day of
 * its own: a digest counts requests of the day before it and lists open ones
 * received before it, so rows stored by other tests (later, or at the real
 * time) never enter its figures.
 */
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)

/** Runs the hourly cron at `now` and returns the digest email, if one was sent. */
async function digestAt(now: Date, overrides: Partial<Env> = {}) {
  const email = recordingEmail()
  await runCron(crons.hourly, now, { EMAIL: email.binding, ...overrides })
  expect(email.sent.length).toBeLessThanOrEqual(1)
  return email.sent[0]
}

const deliverAt = (now: Date, id: string, options: { EMAIL?: SendEmail; queue?: string } = {}) =>
  deliver([{ notificationId: id, generation: 0 }], {
    env: options.EMAIL ? { EMAIL: options.EMAIL } : {},
    queue: options.queue,
    consumer: options.queue ? undefined : { now: () => now, emailTimeoutMs: 20 },
  })

describe('the daily digest', () => {
  it('reports the day before it: requests received, notifications delivered, failed, maybe sent and pending', async () => {
    const day = '2022-06-15'
    const digestTime = at(day, '07:00')
    const earlier = new Date(digestTime.getTime() - 60 * 60 * 1000)
    await storeAt(earlier, { kind: 'booking' })
    const delivered = await storeAt(earlier)
    const failed = await storeAt(earlier)
    const unanswered = await storeAt(earlier)
    // Just outside the day, at both ends.
    await storeAt(new Date(digestTime.getTime() - 24 * 60 * 60 * 1000 - 1))
    await storeAt(digestTime)
    await deliverAt(earlier, delivered.notificationIds[0]!, { EMAIL: recordingEmail().binding })
    await deliverAt(earlier, failed.notificationIds[0]!, { EMAIL: failingEmail(new Error('down')) })
    await deliverAt(earlier, failed.notificationIds[0]!, { queue: queueNames.deadLetter })
    await deliverAt(earlier, unanswered.notificationIds[0]!, { EMAIL: silentEmail() })

    const digest = (await digestAt(digestTime))!
    expect(digest).toMatchObject({ to: 'practitioner@clinic.example.com', from: { email: 'notifications@clinic.example.com' } })
    expect(digest.subject).toBe(`Daily summary for ${day}: 4 new, 1 failed, 1 may have been sent`)
    expectClinicLayout(digest, { label: 'Open the inbox', href: 'https://clinic.example.com/admin' })
    expect(digest.text).toContain('Requests received in the last 24 hours: 1 booking, 3 contact.')
    expect(digest.text).toContain('Their notifications: 1 delivered, 1 failed, 1 may have been sent, 1 pending.')
    expect(digest.text).toContain('Failed notifications can be resent from the inbox.')
    expect(digest.text).toContain(
      'The email service never answered for those that may have been sent: check whether they arrived before resending them from the inbox.',
    )
    // Figures and references only: no names, no health details.
    expect(digest.text).not.toContain('Sam Patient')
    expect(digest.html).not.toContain('Sam Patient')
  })

  it('a day without failures or unanswered sends says nothing about resending', async () => {
    const digestTime = at('2022-06-20', '07:00')
    const { notificationIds } = await storeAt(new Date(digestTime.getTime() - 60_000))
    await deliverAt(digestTime, notificationIds[0]!, { EMAIL: recordingEmail().binding })
    const digest = (await digestAt(digestTime))!
    expect(digest.subject).toBe('Daily summary for 2022-06-20: 1 new, 0 failed')
    expect(digest.text).toContain('Their notifications: 1 delivered, 0 failed, 0 may have been sent, 0 pending.')
    expect(digest.text).not.toContain('resen')
  })

  it('lists requests still open after two days, with links to the inbox, across a daylight-saving change', async () => {
    // Clocks went forward on 2022-03-13: 07:00 three days on is 71 hours later, not 72.
    const { requestId, reference } = await storeAt(at('2022-03-11', '10:00'))
    const digest = (await digestAt(at('2022-03-14', '07:00')))!
    expect(digest.text).toContain('Open requests older than two days: 1.')
    expect(digest.text).toContain(`- ${reference}, contact, received `)
    expect(digest.text).not.toContain('more.')
    expect(digest.html).toMatch(linkIn(`https://clinic.example.com/admin/requests/${requestId}`, `${reference}, contact, received`, { startsWith: true }))
  })

  it('is sent only in the configured hour of the clinic time zone', async () => {
    const seven = at('2022-07-20', '07:00')
    expect(await digestAt(new Date(seven.getTime() + 60 * 60 * 1000))).toBeUndefined()
    expect(await digestAt(new Date(seven.getTime() - 60 * 60 * 1000))).toBeUndefined()
    expect(await digestAt(seven)).toBeDefined()
    expect(await digestAt(at('2022-07-20', '18:00'), { DIGEST_HOUR: '18' })).toBeDefined()
    expect(await digestAt(seven, { DIGEST_HOUR: '18' })).toBeUndefined()
  })

  it('also goes to the webhook when one is configured', async () => {
    const calls = captureWebhook()
    const email = await digestAt(at('2022-07-21', '07:00'), withWebhook)
    expect(email).toBeDefined()
    expect(calls).toHaveLength(1)
    expect(calls[0]!.headers.get('X-Clinic-Delivery')).toBe('digest-2022-07-21')
    const payload = JSON.parse(calls[0]!.body) as { event: string; text: string; figures: { received: object } }
    expect(payload.event).toBe('digest')
    expect(payload.text.startsWith(email!.subject)).toBe(true)
    expect(payload.figures.received).toHaveProperty('booking')
  })

  it('fails the scheduled run when a channel cannot take it, after the other has had its try', async () => {
    const calls = captureWebhook()
    await expect(runCron(crons.hourly, at('2022-07-22', '07:00'), { ...withWebhook, EMAIL: failingEmail(new Error('Email Service down')) })).rejects.toThrow(
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
    await expect(runCron(crons.hourly, at('2022-07-23', '07:00'), { DB, EMAIL: email.binding })).rejects.toThrow(/no such table: missing_receipts/)
    expect(email.sent).toHaveLength(1)
    expect(email.sent[0]!.subject).toMatch(/^Daily summary for /)
  })
})
