import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createCalendarFeedRoutes } from '../../../../src/features/bookings/http/calendar-admin'
import {
  findBusyCalendarState,
  listBusyBlocks,
  recordBusyCalendarFailure,
  replaceBusyBlocks,
  saveBusyCalendarAddress,
} from '../../../../src/features/bookings/store/busy-calendar'
import { type AdminSession, adminAt, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { leaveNoCalendarAddress } from '../../../helpers/busy-calendar'
import { db } from '../../../helpers/forms'

leaveNoCalendarAddress()

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** A weekly hour, every week from 2020 on: some of it always falls inside the booking horizon. */
const weeklyFeed = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:weekly-2048@calendar.example.org',
  'DTSTART:20200106T170000Z',
  'DTEND:20200106T180000Z',
  'RRULE:FREQ=WEEKLY',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n')

/** The calendar's address answered by the test, never the network; workerd's own fetch refuses to be called as another object's method. */
function answerCalendar(answer: () => Response) {
  const requested: string[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async function (this: unknown, input, init) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation')
    const request = new Request(input, init)
    if (request.url !== secretAddress) throw new Error(`unexpected fetch of ${request.url}`)
    requested.push(request.url)
    return answer()
  })
  return requested
}

const secretAddress = 'https://calendar.example.org/private-5f2c9e0b7a/basic.ics'
const everything = { from: new Date('2020-01-01T00:00:00Z'), until: new Date('2030-01-01T00:00:00Z') }
const readAt = new Date('2026-10-12T15:00:00Z')
const twoHours = 2 * 60 * 60_000

/** The page with its clock at `now`, after a good read of three blocks at `readAt` and a failed one 15 minutes later. */
async function pageAt(now: Date) {
  await saveBusyCalendarAddress(db(), { feedUrl: secretAddress })
  const blocks = [1, 2, 3].map((day) => ({ start: new Date(`2026-10-1${day + 2}T17:00:00Z`), end: new Date(`2026-10-1${day + 2}T18:00:00Z`) }))
  await replaceBusyBlocks(db(), { blocks, feedHash: 'hash', etag: null, lastModified: null, now: readAt })
  await recordBusyCalendarFailure(db(), { error: 'The calendar address answered 503', now: new Date(readAt.getTime() + 15 * 60_000) })
  const response = await adminAt(createCalendarFeedRoutes({ clock: () => now }), '/admin/calendar').get('/admin/calendar')
  expect(response.status).toBe(200)
  return response.text()
}

describe('the address of the practitioner’s own calendar', () => {
  it('is saved from the calendar page, read at once, and shown back only as its host', async () => {
    const requested = answerCalendar(() => new Response(weeklyFeed, { headers: { 'content-type': 'text/calendar' } }))
    const saved = await adminPost(session, '/admin/calendar/busy', { feedUrl: secretAddress })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('Location')).toBe('/admin/calendar?busy=saved')
    expect(requested).toEqual([secretAddress])
    const state = await findBusyCalendarState(db())
    expect(state).toMatchObject({ feedUrl: secretAddress, lastError: null })
    expect(state?.lastGoodReadAt).toBeInstanceOf(Date)
    expect(state?.blocksCount).toBeGreaterThan(0)
    expect(await listBusyBlocks(db(), everything)).toHaveLength(state!.blocksCount)

    const page = await (await adminGet(session, '/admin/calendar?busy=saved')).text()
    expect(page).toContain('Your calendar address is saved and was read just now.')
    expect(page).toContain('A calendar address is set, at <strong>calendar.example.org</strong>.')
    expect(page).toMatch(/Last read [^<]+: \d+ busy times ahead\./)
    expect(page).not.toContain('private-5f2c9e0b7a')
    expect(page).not.toContain('Patients are asked to request times')
  })

  it('says at once when the address just saved could not be read, and that patients request times meanwhile', async () => {
    answerCalendar(() => new Response('unavailable', { status: 503 }))
    const saved = await adminPost(session, '/admin/calendar/busy', { feedUrl: secretAddress })
    expect(saved.headers.get('Location')).toBe('/admin/calendar?busy=unread')
    expect(await findBusyCalendarState(db())).toMatchObject({ feedUrl: secretAddress, lastGoodReadAt: null, lastError: 'The calendar address answered 503' })
    const page = await (await adminGet(session, '/admin/calendar?busy=unread')).text()
    expect(page).toContain('Your calendar address is saved, but reading it failed: the reason is below. It is tried again every 15 minutes.')
    expect(page).toContain(
      'Patients are asked to request times, which you then confirm, until your own calendar is read again: it has not been read yet, and the last try failed: The calendar address answered 503.',
    )
  })

  it('refuses a plain http address with a 422 that says why, and keeps none', async () => {
    const refused = await adminPost(session, '/admin/calendar/busy', { feedUrl: 'http://calendar.example.org/private-5f2c9e0b7a/basic.ics' })
    expect(refused.status).toBe(422)
    const page = await refused.text()
    expect(page).toContain('The calendar address must start with https://')
    expect(page).toContain('aria-invalid="true"')
    expect(page).not.toContain('private-5f2c9e0b7a')
    expect(await findBusyCalendarState(db())).toBeUndefined()
  })

  it('refuses the clinic’s own calendar feed', async () => {
    const refused = await adminPost(session, '/admin/calendar/busy', { feedUrl: `https://clinic.example.com/calendar/${'a'.repeat(32)}.ics` })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('This is the clinic&#39;s own calendar: paste the address of your personal calendar')
    expect(await findBusyCalendarState(db())).toBeUndefined()
  })

  it('is removed with the busy times it gave, in one go', async () => {
    await saveBusyCalendarAddress(db(), { feedUrl: secretAddress })
    await replaceBusyBlocks(db(), {
      blocks: [{ start: new Date('2026-10-13T17:00:00Z'), end: new Date('2026-10-13T18:00:00Z') }],
      feedHash: 'hash',
      etag: null,
      lastModified: null,
      now: readAt,
    })
    const removed = await adminPost(session, '/admin/calendar/busy/remove')
    expect(removed.status).toBe(303)
    expect(removed.headers.get('Location')).toBe('/admin/calendar?busy=removed')
    expect(await listBusyBlocks(db(), everything)).toEqual([])
    expect(await findBusyCalendarState(db())).toBeUndefined()
    const page = await (await adminGet(session, '/admin/calendar?busy=removed')).text()
    expect(page).toContain('Your calendar address is removed, with the busy times it gave.')
    expect(page).not.toContain('A calendar address is set')
  })

  it('refuses a change without the CSRF token', async () => {
    const refused = await adminPost(session, '/admin/calendar/busy', { feedUrl: secretAddress, csrf: '' })
    expect(refused.status).toBe(403)
    expect(await findBusyCalendarState(db())).toBeUndefined()
  })
})

describe('the status of the practitioner’s own calendar', () => {
  it('shows the last good read, its busy times and the last error, with no warning within two hours', async () => {
    const page = await pageAt(new Date(readAt.getTime() + twoHours))
    expect(page).toContain('Last read Oct 12, 2026, 8:00 AM: 3 busy times ahead.')
    expect(page).toContain('The last read, Oct 12, 2026, 8:15 AM, failed: The calendar address answered 503.')
    expect(page).not.toContain('Patients are asked to request times')
  })

  it('says, once the last good read is more than two hours old, that patients request times until it is read again, and why', async () => {
    const page = await pageAt(new Date(readAt.getTime() + twoHours + 1000))
    expect(page).toContain(
      '<p class="notice" role="alert">Patients are asked to request times, which you then confirm, until your own calendar is read again: ' +
        'it was last read Oct 12, 2026, 8:00 AM, more than two hours ago, and the last try failed: The calendar address answered 503. ' +
        'Times you have added to it since may not be blocked here.</p>',
    )
  })
})
