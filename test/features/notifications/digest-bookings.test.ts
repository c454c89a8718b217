import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import {
  recordBusyCalendarFailure,
  removeBusyCalendarAddress,
  replaceBusyBlocks,
  saveBusyCalendarAddress,
} from '../../../src/features/bookings/store/busy-calendar'
import { summarizeDigestRequests } from '../../../src/features/bookings/store/digest'
import { summarizeArticleWeek } from '../../../src/features/insight/store/insight-report'
import { sendDailyDigest } from '../../../src/features/notifications/digest'
import { formatInstantWithZone } from '../../../src/features/notifications/format'
import { zonedInstant } from '../../../src/platform/time-zone'
import { takeTimeAt } from '../../helpers/direct-bookings'
import { db } from '../../helpers/forms'
import { recordingEmail, storeAt } from '../../helpers/notify'

/*
 * Each digest runs alone (without the hourly cron's other jobs) at 07:00 on a
 * day of 2048 of its own: it counts what came in the 24 hours before it. The
 * practitioner's calendar is one row: a test that sets it removes it after.
 */
const hourMs = 3_600_000
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)

async function digestAt(now: Date) {
  const email = recordingEmail()
  await sendDailyDigest({ ...env, EMAIL: email.binding }, now, { summarizeRequests: summarizeDigestRequests, summarizeArticleWeek })
  expect(email.sent).toHaveLength(1)
  return email.sent[0]!
}

afterEach(async () => {
  await removeBusyCalendarAddress(db())
})

describe('the daily digest counts bookings taken without a request', () => {
  it('counts direct and waitlist bookings beside the requests, all of them new', async () => {
    const digestTime = at('2048-03-10', '07:00')
    const earlier = new Date(digestTime.getTime() - 2 * hourMs)
    await storeAt(earlier, { kind: 'booking', channels: [] })
    await storeAt(earlier, { channels: [] })
    await takeTimeAt(earlier, at('2048-03-20', '09:00'), 'direct')
    await takeTimeAt(earlier, at('2048-03-20', '10:00'), 'direct')
    await takeTimeAt(earlier, at('2048-03-20', '11:00'), 'waitlist')
    // The day before the digest's, so not counted.
    await takeTimeAt(new Date(digestTime.getTime() - 25 * hourMs), at('2048-03-20', '14:00'), 'direct')

    const digest = await digestAt(digestTime)
    expect(digest.subject).toBe('Daily summary for 2048-03-10: 5 new, 0 failed')
    expect(digest.text).toContain('Requests received in the last 24 hours: 1 booking, 1 contact.')
    expect(digest.text).toContain('Bookings taken in the last 24 hours without a request: 2 booked directly, 1 from the waitlist.')
    expect(digest.html).toMatch(/<p [^>]*>Bookings taken in the last 24 hours without a request: 2 booked directly, 1 from the waitlist\.<\/p>/)
  })
})

describe('the daily digest says when direct booking has fallen back to requests', () => {
  const address = 'https://calendar.example.org/private-digest-2048/basic.ics'

  it('says why, with the last good read and the last error, once that read is over two hours old', async () => {
    const digestTime = at('2048-03-12', '07:00')
    const readAt = new Date(digestTime.getTime() - 3 * hourMs)
    await saveBusyCalendarAddress(db(), { feedUrl: address })
    await replaceBusyBlocks(db(), { blocks: [], feedHash: 'hash', etag: null, lastModified: null, now: readAt })
    await recordBusyCalendarFailure(db(), { error: 'The calendar address answered 503', now: new Date(digestTime.getTime() - hourMs) })
    const digest = await digestAt(digestTime)
    const expected =
      'Patients are asked to request times, which you then confirm, until your own calendar is read again: ' +
      `it was last read ${formatInstantWithZone(readAt)}, more than two hours ago, and the last try failed: The calendar address answered 503.`
    // First after the heading.
    expect(digest.text?.split('\n')[2]).toBe(expected)
    expect(digest.text).not.toContain(address)
  })

  it('says nothing of it while the calendar was read within two hours, or has no address', async () => {
    const digestTime = at('2048-03-14', '07:00')
    expect((await digestAt(digestTime)).text).not.toContain('Patients are asked to request times')
    await saveBusyCalendarAddress(db(), { feedUrl: address })
    await replaceBusyBlocks(db(), { blocks: [], feedHash: 'hash', etag: null, lastModified: null, now: new Date(digestTime.getTime() - 2 * hourMs) })
    expect((await digestAt(digestTime)).text).not.toContain('Patients are asked to request times')
  })
})
