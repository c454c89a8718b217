import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../src/features/bookings/store/appointments'
import { summarizeDigestRequests } from '../../../src/features/bookings/store/digest'
import { requests } from '../../../src/features/bookings/store/schema'
import { summarizeArticleWeek } from '../../../src/features/insight/store/insight-report'
import { sendDailyDigest } from '../../../src/features/notifications/digest'
import { formatInstantWithZone } from '../../../src/features/notifications/format'
import { zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { db } from '../../helpers/forms'
import { linkIn, recordingEmail, runCron, storeAt } from '../../helpers/notify'
import { withSettings } from '../../helpers/settings'

/*
 * Each digest runs at DIGEST_HOUR (07:00) on a day of its own in the past; the
 * list covers bookings whose wait runs out in the day after it, so bookings
 * stored by the other test (days apart) never fall in its window.
 */
const hourMs = 3_600_000
const after = (start: Date, ms: number) => new Date(start.getTime() + ms)

/** The digest at `now`: through the hourly cron, or `alone`, without the expiry that runs beside it. */
async function digestAt(now: Date, overrides: Partial<Env> = {}, alone = false) {
  const email = recordingEmail()
  const runEnv = { ...env, EMAIL: email.binding, ...overrides }
  await (alone ? sendDailyDigest(runEnv, now, { summarizeRequests: summarizeDigestRequests, summarizeArticleWeek }) : runCron(crons.hourly, now, runEnv))
  expect(email.sent).toHaveLength(1)
  return email.sent[0]!
}

const storeBooking = (at: Date) => storeAt(at, { kind: 'booking', channels: [] })
/** The digest's text from the expiring list's heading on. */
const expiringSection = (text = '') => text.slice(text.indexOf('Booking requests that expire'))
const line = (reference: string, expiresAt: Date) => `${reference}, expires ${formatInstantWithZone(expiresAt)}`
const link = (id: string) => `https://clinic.example.com/admin/requests/${id}`

describe('the daily digest lists the bookings that expire within a day', () => {
  it('lists each by reference, expiry time and inbox link, soonest first, and no others', async () => {
    const digestTime = zonedInstant('2020-07-15', '07:00', practice.timeZone)
    const waited = (hours: number) => after(digestTime, -hours * hourMs)
    const soon = await storeBooking(waited(71))
    const lastInWindow = await storeBooking(waited(48))
    const justOutside = await storeBooking(after(waited(48), 1))
    const expiresNow = await storeBooking(waited(72))
    const spam = await storeBooking(waited(70))
    await db().update(requests).set({ status: 'spam' }).where(eq(requests.id, spam.requestId))
    // Proposed: its wait counts from the proposal, not from when it came in.
    const proposed = await storeBooking(waited(200))
    expect(await applyTransition(db(), { id: proposed.requestId, guard: transitions.propose, actor: 'practitioner', now: waited(70) })).toBe(true)

    // Alone, so the booking whose wait ends right now is still waiting and shows the window's open end.
    const digest = await digestAt(digestTime, {}, true)
    expect(digest.text).toContain(
      [
        'Booking requests that expire within a day unless answered: 3.',
        '',
        `- ${line(soon.reference, after(digestTime, hourMs))}: ${link(soon.requestId)}`,
        `- ${line(proposed.reference, after(digestTime, 2 * hourMs))}: ${link(proposed.requestId)}`,
        `- ${line(lastInWindow.reference, after(digestTime, 24 * hourMs))}: ${link(lastInWindow.requestId)}`,
        '',
      ].join('\n'),
    )
    const section = expiringSection(digest.text)
    for (const other of [justOutside, expiresNow, spam]) expect(section).not.toContain(other.reference)
    expect(digest.html).toMatch(linkIn(link(soon.requestId), line(soon.reference, after(digestTime, hourMs))))
    // References and times only: no names.
    expect(digest.text).not.toContain('Sam Patient')
    expect(digest.html).not.toContain('Sam Patient')
  })

  it('follows the expiry saved in the inbox, and says nothing of expiry when it is off', async () => {
    const digestTime = zonedInstant('2020-08-19', '07:00', practice.timeZone)
    const booking = await storeBooking(after(digestTime, -10 * hourMs))
    const shorter = await withSettings(
      'policies',
      (policies) => ({ ...policies, requestExpiryHours: 12 }),
      () => digestAt(digestTime),
    )
    expect(shorter.text).toContain(`- ${line(booking.reference, after(digestTime, 2 * hourMs))}: ${link(booking.requestId)}`)

    const off = await withSettings(
      'policies',
      (policies) => ({ ...policies, requestExpiryHours: 0 }),
      () => digestAt(after(digestTime, 24 * hourMs)),
    )
    expect(off.text).not.toContain('expire')
    expect(off.html).not.toContain('expire')
  })

  it('no longer counts an expired, declined or cancelled booking among the open requests', async () => {
    const digestTime = zonedInstant('2020-06-10', '07:00', practice.timeZone)
    const received = after(digestTime, -5 * 24 * hourMs)
    const [waiting, expired, declined, cancelled] = await Promise.all(Array.from({ length: 4 }, (_, index) => storeBooking(after(received, index * 60_000))))
    const answer = (id: string, guard: (typeof transitions)[keyof typeof transitions], actor: string) =>
      applyTransition(db(), { id, guard, actor, now: after(received, hourMs) })
    expect(await answer(expired!.requestId, transitions.expire, 'system')).toBe(true)
    expect(await answer(declined!.requestId, transitions.decline, 'practitioner')).toBe(true)
    expect(await answer(cancelled!.requestId, transitions.cancel, 'practitioner')).toBe(true)

    const digest = await digestAt(digestTime, {}, true)
    const text = digest.text ?? ''
    const openSection = text.slice(text.indexOf('Open requests older'), text.indexOf('Booking requests that expire'))
    expect(openSection).toContain(waiting!.reference)
    for (const answered of [expired, declined, cancelled]) expect(openSection).not.toContain(answered!.reference)
  })

  it('lists the first 20 and counts the rest', async () => {
    const digestTime = zonedInstant('2020-09-16', '07:00', practice.timeZone)
    await Promise.all(Array.from({ length: 22 }, (_, index) => storeBooking(after(digestTime, -(60 * hourMs + index * 60_000)))))
    const digest = await digestAt(digestTime, {}, true)
    const section = expiringSection(digest.text)
    expect(section).toContain('Booking requests that expire within a day unless answered: 22.')
    expect(section.match(/^- /gm)).toHaveLength(20)
    expect(section).toContain('…and 2 more.')
  })
})
