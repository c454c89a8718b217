import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { replaceCalendarFeed } from '../../../../src/features/bookings/store/calendar-feeds'
import { calendarFeeds, requests } from '../../../../src/features/bookings/store/schema'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminPost, signIn } from '../../../helpers/admin'
import { confirmAt, daysAhead, readBooking, storeBooking } from '../../../helpers/appointments'
import { wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { requestWith, uniqueClientIp } from '../../../helpers/http'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** Each fetch from its own client, so the guessing limit of one test never refuses another's. */
const fetchFeed = (path: string, overrides: Partial<Env> = {}) => requestWith(overrides, path, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })

const feedPath = (token: string) => `/calendar/${token}.ics`

/** A new feed address, as the inbox's button makes it. */
const newFeed = async () => feedPath(await replaceCalendarFeed(db(), { now: new Date() }))

/** The feed's events by UID, their start read as a calendar does: local time through the feed's own VTIMEZONE. */
function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  const zones = calendar.getAllSubcomponents('vtimezone')
  expect(zones).toHaveLength(1)
  const zone = new ICAL.Timezone(zones[0]!)
  return new Map(
    calendar.getAllSubcomponents('vevent').map((event) => {
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time
      const instant = Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute) - zone.utcOffset(start) * 1000
      const fields = {
        local: `${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`,
        instant: new Date(instant).toISOString(),
        summary: event.getFirstPropertyValue('summary'),
        description: event.getFirstPropertyValue('description'),
        sequence: event.getFirstPropertyValue('sequence'),
      }
      return [String(event.getFirstPropertyValue('uid')), fields] as const
    }),
  )
}

const uidOf = (id: string) => `${id}@clinic.example.com`

/** A booking confirmed through the inbox, then given its time directly (a date the confirm form would not offer). */
async function confirmedAt(date: string, time: string, name = 'Robin Patient') {
  const booking = await storeBooking({ name })
  await confirmAt(session, booking.id, daysAhead(2), '10:00')
  const start = zonedInstant(date, time, defaultPractice.timeZone)
  await db()
    .update(requests)
    .set({ confirmedStart: start, confirmedEnd: new Date(start.getTime() + 60 * 60_000) })
    .where(eq(requests.id, booking.id))
  return readBooking(booking.id)
}

/** The clinic dates just before and just after the zone's next change of clock, from today. */
function aroundNextClockChange(): [string, string] {
  const offset = (date: string) => zonedInstant(date, '12:00', defaultPractice.timeZone).getTime() - Date.parse(`${date}T12:00:00Z`)
  for (let days = 1; days < 400; days++) if (offset(daysAhead(days)) !== offset(daysAhead(days + 1))) return [daysAhead(days), daysAhead(days + 1)]
  throw new Error('the clinic zone has no change of clock in the coming year')
}

describe('the calendar feed', () => {
  it('answers a calendar whose events keep the clinic’s local time across a change of clock, with private headers', async () => {
    const [before, after] = aroundNextClockChange()
    const first = await confirmedAt(before, '09:30')
    const second = await confirmedAt(after, '09:30')
    const response = await fetchFeed(await newFeed())
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('X-Robots-Tag')).toBe('noindex')
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
    const events = eventsOf(await response.text())
    expect(events.get(uidOf(first.id))).toMatchObject({
      local: '09:30',
      instant: zonedInstant(before, '09:30', defaultPractice.timeZone).toISOString(),
      sequence: first.appointmentSequence,
    })
    expect(events.get(uidOf(second.id))).toMatchObject({ local: '09:30', instant: zonedInstant(after, '09:30', defaultPractice.timeZone).toISOString() })
    expect(Date.parse(events.get(uidOf(second.id))!.instant) - Date.parse(events.get(uidOf(first.id))!.instant)).not.toBe(24 * 3_600_000)
  })

  it('names the reference and the initials, the length and the inbox link, and no health detail, email or phone', async () => {
    const booking = await confirmedAt(daysAhead(5), '11:00', 'Robin  van Patient')
    const feed = await newFeed()
    const event = eventsOf(await (await fetchFeed(feed)).text()).get(uidOf(booking.id))
    expect(event!.summary).toBe(`${booking.reference} R.V.P.`)
    expect(event!.description).toBe(`60 minutes. The request in the inbox: https://clinic.example.com/admin/requests/${booking.id}`)
    const ics = await (await fetchFeed(feed)).text()
    for (const secret of [booking.email, booking.phone!, 'Back pain', 'disc', 'Robin']) expect(ics.replace(/\r\n /g, '')).not.toContain(secret)
    const full = eventsOf(await (await fetchFeed(feed, { CALENDAR_NAMES: 'full' })).text()).get(uidOf(booking.id))
    expect(full!.summary).toBe(`${booking.reference} Robin  van Patient`)
  })

  it('drops an appointment once it is cancelled, and one marked spam', async () => {
    const kept = await confirmedAt(daysAhead(6), '09:00')
    const cancelled = await confirmedAt(daysAhead(6), '11:00')
    const spam = await confirmedAt(daysAhead(6), '13:00')
    expect((await adminPost(session, `/admin/requests/${cancelled.id}/cancel`, { reason: '' })).status).toBe(303)
    expect((await adminPost(session, `/admin/requests/${spam.id}/status`, { status: 'spam' })).status).toBe(303)
    const events = eventsOf(await (await fetchFeed(await newFeed())).text())
    expect(events.has(uidOf(kept.id))).toBe(true)
    expect(events.has(uidOf(cancelled.id))).toBe(false)
    expect(events.has(uidOf(spam.id))).toBe(false)
  })

  it('answers unknown, malformed and replaced addresses with the same 404', async () => {
    const old = await newFeed()
    const current = await newFeed()
    expect((await fetchFeed(current)).status).toBe(200)
    const answers = await Promise.all(
      [old, feedPath('0'.repeat(32)), feedPath('not-a-token'), `/calendar/${'0'.repeat(32)}`, current.replace('.ics', '.ICS')].map(async (path) => {
        const response = await fetchFeed(path)
        return {
          status: response.status,
          type: response.headers.get('Content-Type'),
          body: await response.text(),
          robots: response.headers.get('X-Robots-Tag'),
        }
      }),
    )
    for (const answer of answers) expect(answer).toEqual(answers[0])
    expect(answers[0]).toMatchObject({ status: 404, robots: 'noindex', body: 'There is no calendar at this address.' })
  })

  it('changes nothing when read', async () => {
    const booking = await confirmedAt(daysAhead(7), '10:00')
    const feed = await newFeed()
    const before = { feeds: await db().select().from(calendarFeeds), booking: await readBooking(booking.id) }
    expect((await fetchFeed(feed)).status).toBe(200)
    expect((await fetchFeed(feed.replace(/.\.ics$/, 'x.ics'))).status).toBe(404)
    expect({ feeds: await db().select().from(calendarFeeds), booking: await readBooking(booking.id) }).toEqual(before)
  })

  it('answers 429 once one client has asked too often, as a guard against guessing', async () => {
    const limiter = env.MANAGE_RATE_LIMITER
    // Keys of its own, so no other test's requests count towards this client's allowance.
    const prefix = `calendar-${crypto.randomUUID().slice(0, 8)}|`
    const own = { MANAGE_RATE_LIMITER: wrapBinding(limiter, { limit: (options) => limiter.limit({ ...options, key: prefix + options.key }) }) }
    const clientIp = uniqueClientIp()
    const statuses: number[] = []
    // The local limiter counts whole wall-clock minutes: 2 × 30 + 1 attempts always meet the limit.
    for (let attempt = 0; attempt <= 60 && !statuses.includes(429); attempt++) {
      statuses.push((await requestWith(own, feedPath('0'.repeat(32)), { headers: { 'CF-Connecting-IP': clientIp } })).status)
    }
    expect(statuses.at(-1)).toBe(429)
    expect(statuses.filter((status) => status === 404).length).toBeGreaterThanOrEqual(30)
  })
})
