import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { listFeedAppointments } from '../../../../src/features/bookings/store/calendar-feed'
import { findCalendarFeed, isCalendarFeedToken, replaceCalendarFeed } from '../../../../src/features/bookings/store/calendar-feeds'
import { calendarFeeds, requests } from '../../../../src/features/bookings/store/schema'
import { storeBooking } from '../../../helpers/appointments'
import { db } from '../../../helpers/forms'

const day = 24 * 60 * 60_000
const now = new Date('2031-05-01T16:00:00Z')

/** A stored booking given a confirmed time (and any other state) directly: the query, not the inbox, is under test. */
async function bookedAt(start: Date, change: Partial<typeof requests.$inferInsert> = {}) {
  const booking = await storeBooking()
  await db()
    .update(requests)
    .set({ appointmentState: 'confirmed', confirmedStart: start, confirmedEnd: new Date(start.getTime() + 60 * 60_000), ...change })
    .where(eq(requests.id, booking.id))
  return booking.id
}

describe('the appointments of the calendar feed', () => {
  it('reach back 30 days from now and on into the future, earliest first', async () => {
    const tooOld = await bookedAt(new Date(now.getTime() - 30 * day - 60_000))
    const oldest = await bookedAt(new Date(now.getTime() - 30 * day))
    const later = await bookedAt(new Date(now.getTime() + 300 * day), { appointmentSequence: 2 })
    const soon = await bookedAt(new Date(now.getTime() + day))
    const listed = (await listFeedAppointments(db(), { now })).filter((entry) => [tooOld, oldest, later, soon].includes(entry.id))
    expect(listed.map((entry) => entry.id)).toEqual([oldest, soon, later])
    expect(listed[2]).toMatchObject({ sequence: 2, name: 'Robin Patient', start: new Date(now.getTime() + 300 * day) })
    expect(Object.keys(listed[0]!).sort()).toEqual(['end', 'id', 'name', 'reference', 'sequence', 'start'])
  })

  it('leave out appointments that no longer hold their time', async () => {
    const start = new Date(now.getTime() + 2 * day)
    const held = await bookedAt(start)
    const gone = await Promise.all([
      bookedAt(start, { appointmentState: 'cancelled' }),
      bookedAt(start, { appointmentState: 'declined' }),
      bookedAt(start, { appointmentState: 'expired' }),
      bookedAt(start, { appointmentState: 'proposed' }),
      bookedAt(start, { status: 'spam' }),
      bookedAt(start, { status: 'closed' }),
    ])
    const ids = (await listFeedAppointments(db(), { now })).map((entry) => entry.id)
    expect(ids).toContain(held)
    for (const id of gone) expect(ids).not.toContain(id)
  })
})

describe('visits whose outcome is recorded', () => {
  it('stay in the feed within the look-back, whatever the outcome, also once the request is closed', async () => {
    const lastWeek = new Date(now.getTime() - 7 * day)
    const kept = await Promise.all([
      bookedAt(lastWeek, { appointmentState: 'attended' }),
      bookedAt(lastWeek, { appointmentState: 'no-show' }),
      bookedAt(lastWeek, { appointmentState: 'late-cancelled' }),
      bookedAt(lastWeek, { appointmentState: 'attended', status: 'closed' }),
    ])
    const left = await Promise.all([
      bookedAt(new Date(now.getTime() - 30 * day - 60_000), { appointmentState: 'attended' }),
      bookedAt(lastWeek, { appointmentState: 'attended', status: 'spam' }),
      bookedAt(lastWeek, { appointmentState: 'cancelled' }),
    ])
    const ids = (await listFeedAppointments(db(), { now })).map((entry) => entry.id)
    for (const id of kept) expect(ids).toContain(id)
    for (const id of left) expect(ids).not.toContain(id)
  })
})

describe('the feed address', () => {
  it('is replaced in one step: the old token is refused at once, the new one accepted, only one hash kept', async () => {
    const first = await replaceCalendarFeed(db(), { now })
    expect(await isCalendarFeedToken(db(), first)).toBe(true)
    const second = await replaceCalendarFeed(db(), { now: new Date(now.getTime() + day) })
    expect(await isCalendarFeedToken(db(), first)).toBe(false)
    expect(await isCalendarFeedToken(db(), second)).toBe(true)
    expect(await findCalendarFeed(db())).toEqual({ createdAt: new Date(now.getTime() + day) })
    const rows = await db().select().from(calendarFeeds)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.hash).not.toContain(second)
  })

  it('refuses a malformed or unknown token', async () => {
    const token = await replaceCalendarFeed(db(), { now })
    for (const other of ['', token.toUpperCase(), `${token}0`, token.slice(1), '0'.repeat(32), `${token.slice(0, 31)}g`]) {
      expect(await isCalendarFeedToken(db(), other), other).toBe(false)
    }
  })
})
