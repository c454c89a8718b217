import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  findBusyCalendarState,
  listBusyBlocks,
  removeBusyCalendarAddress,
  saveBusyCalendarAddress,
} from '../../../../src/features/bookings/store/busy-calendar'
import { crons } from '../../../../src/worker'
import { db } from '../../../helpers/forms'
import { recordingMessages, runCron } from '../../../helpers/notify'
import { appleFeed } from './feeds'

/*
 * The calendar is one row: each test sets its address and removes it after, so
 * no other file's five-minute cron reads it. The feed is answered in the test,
 * never fetched from the network.
 */
const address = 'https://p52-caldav.icloud.com/published/2/read-by-the-cron'
const everything = { from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-12-31T00:00:00Z') }

/** The calendar's requests, answered with the Apple feed; workerd's own fetch refuses to be called as another object's method. */
function interceptCalendar() {
  const requested: string[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async function (this: unknown, input, init) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation')
    const request = new Request(input, init)
    if (request.url !== address) throw new Error(`unexpected fetch of ${request.url}`)
    requested.push(request.url)
    return new Response(appleFeed, { headers: { 'content-type': 'text/calendar', etag: '"cron"' } })
  })
  return requested
}

const fiveMinuteRunAt = (scheduledTime: Date) => runCron(crons.sweep, scheduledTime, { NOTIFY_QUEUE: recordingMessages().binding })

beforeEach(async () => {
  await removeBusyCalendarAddress(db())
  await saveBusyCalendarAddress(db(), { feedUrl: address })
})

afterEach(async () => {
  vi.restoreAllMocks()
  await removeBusyCalendarAddress(db())
})

describe('the five-minute cron reads the practitioner’s calendar every 15 minutes', () => {
  it('reads it on a quarter hour, into busy blocks over the booking horizon', async () => {
    const requested = interceptCalendar()
    const scheduledTime = new Date('2026-10-12T00:15:00Z')
    await fiveMinuteRunAt(scheduledTime)
    expect(requested).toEqual([address])
    expect(await findBusyCalendarState(db())).toMatchObject({
      feedUrl: address,
      etag: '"cron"',
      lastGoodReadAt: scheduledTime,
      blocksCount: 5,
      lastError: null,
    })
    expect(await listBusyBlocks(db(), everything)).toHaveLength(5)
  })

  it('leaves it alone on the runs between', async () => {
    const requested = interceptCalendar()
    await fiveMinuteRunAt(new Date('2026-10-12T00:05:00Z'))
    expect(requested).toEqual([])
    expect(await findBusyCalendarState(db())).toMatchObject({ feedUrl: address, lastAttemptAt: null, lastGoodReadAt: null })
  })

  it('reads nothing while no address is set', async () => {
    await removeBusyCalendarAddress(db())
    const requested = interceptCalendar()
    await fiveMinuteRunAt(new Date('2026-10-12T00:30:00Z'))
    expect(requested).toEqual([])
    expect(await findBusyCalendarState(db())).toBeUndefined()
  })
})
