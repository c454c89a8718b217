import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { busyCalendarOverdue, countUpcomingDirectBookings, loadFreeStarts } from '../../../../src/features/bookings/store/free-times'
import { busyBlocks, busyCalendarState, requests } from '../../../../src/features/bookings/store/schema'
import { db, uniqueEmail } from '../../../helpers/forms'
import { startingSettings } from '../../../helpers/settings'

const minute = 60_000
const hour = 60 * minute
/** A Monday of 2044, far from every other file's appointments; the clinic opens 09:00-17:00 Pacific (UTC-8 in January). */
const monday = '2044-01-04'
const at = (clock: string) => Date.parse(`${monday}T${clock}:00-08:00`)
const now = new Date(Date.parse('2043-12-28T12:00:00Z'))
const settings = { ...startingSettings, booking: { ...startingSettings.booking, horizonDays: 60 } }

const booking = (start: number, minutes: number, extra: Partial<typeof requests.$inferInsert> = {}) => ({
  id: crypto.randomUUID(),
  reference: crypto.randomUUID().slice(0, 8).toUpperCase(),
  kind: 'booking' as const,
  status: 'scheduled' as const,
  name: 'Held Patient',
  email: uniqueEmail('held'),
  appointmentState: 'confirmed' as const,
  confirmedStart: new Date(start),
  confirmedEnd: new Date(start + minutes * minute),
  ...extra,
})

describe('free times read from D1', () => {
  it('leaves out what confirmed appointments and busy blocks hold, and frees a booking’s own time when moving it', async () => {
    const before = await loadFreeStarts(db(), { settings, durationMinutes: 60, from: monday, to: monday, now })
    expect(before).toContain(at('10:00'))
    expect(before).toContain(at('14:00'))
    const held = booking(at('10:00'), 60)
    await db().insert(requests).values(held)
    await db()
      .insert(busyBlocks)
      .values({ start: new Date(at('14:00')), end: new Date(at('15:00')) })
    try {
      const after = await loadFreeStarts(db(), { settings, durationMinutes: 60, from: monday, to: monday, now })
      for (const clock of ['09:30', '10:00', '10:30', '13:30', '14:00', '14:30']) expect(after).not.toContain(at(clock))
      expect(after).toContain(at('09:00'))
      expect(after).toContain(at('11:00'))
      expect(after).toContain(at('15:00'))
      const moving = await loadFreeStarts(db(), { settings, durationMinutes: 60, from: monday, to: monday, now, excluding: held.id })
      expect(moving).toContain(at('10:00'))
      const cancelled = booking(at('11:00'), 60, { appointmentState: 'cancelled' })
      await db().insert(requests).values(cancelled)
      expect(await loadFreeStarts(db(), { settings, durationMinutes: 60, from: monday, to: monday, now })).toContain(at('11:00'))
    } finally {
      await db().delete(busyBlocks)
    }
  })

  it('keeps the buffer after each appointment from the settings', async () => {
    const tuesday = '2044-01-05'
    const tue = (clock: string) => Date.parse(`${tuesday}T${clock}:00-08:00`)
    await db()
      .insert(requests)
      .values(booking(tue('09:00'), 60))
    const buffered = { ...settings, scheduling: { ...settings.scheduling, bufferMinutes: 30 } }
    const free = await loadFreeStarts(db(), { settings: buffered, durationMinutes: 60, from: tuesday, to: tuesday, now })
    expect(free).not.toContain(tue('10:00'))
    expect(free).toContain(tue('10:30'))
  })
})

describe('the practitioner’s calendar overdue', () => {
  it('is never overdue without an address, and overdue two hours after the last good read', async () => {
    const reading = new Date('2044-01-01T08:00:00Z')
    // The calendar's state is one row for the whole site: start from none, whatever an earlier file left.
    await env.DB.prepare('delete from busy_calendar_state').run()
    expect(await busyCalendarOverdue(db(), reading)).toBe(false)
    await db().insert(busyCalendarState).values({ id: 1, feedUrl: 'https://calendar.example.com/secret.ics', lastGoodReadAt: reading })
    try {
      expect(await busyCalendarOverdue(db(), new Date(reading.getTime() + 2 * hour))).toBe(false)
      expect(await busyCalendarOverdue(db(), new Date(reading.getTime() + 2 * hour + minute))).toBe(true)
      await db().update(busyCalendarState).set({ lastGoodReadAt: null }).where(eq(busyCalendarState.id, 1))
      expect(await busyCalendarOverdue(db(), reading)).toBe(true)
    } finally {
      await env.DB.prepare('delete from busy_calendar_state').run()
    }
  })
})

describe('an address’s upcoming direct bookings', () => {
  it('counts confirmed direct and waitlist bookings still ahead, in any letter case, and nothing else', async () => {
    const email = uniqueEmail('counted')
    const wednesday = Date.parse('2044-01-06T17:00:00Z')
    await db()
      .insert(requests)
      .values([
        booking(wednesday, 60, { email, bookedVia: 'direct' }),
        booking(wednesday + 2 * hour, 60, { email: email.toUpperCase(), bookedVia: 'waitlist' }),
        booking(wednesday + 4 * hour, 60, { email, bookedVia: 'request' }),
        booking(wednesday + 6 * hour, 60, { email, bookedVia: 'direct', appointmentState: 'cancelled' }),
        booking(Date.parse('2043-12-01T17:00:00Z'), 60, { email, bookedVia: 'direct' }),
      ])
    expect(await countUpcomingDirectBookings(db(), email, now)).toBe(2)
    expect(await countUpcomingDirectBookings(db(), ` ${email.toUpperCase()} `, now)).toBe(2)
  })
})
