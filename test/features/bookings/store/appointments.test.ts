import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { transitions } from '../../../../src/features/bookings/domain/states'
import {
  countOutcomes,
  findOverlaps,
  listAgenda,
  listProposals,
  replaceProposals,
  type TimeRange,
  timesFreeSql,
} from '../../../../src/features/bookings/store/appointment-queries'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { storeRequest } from '../../../../src/features/bookings/store/requests'
import { requestEvents, requests } from '../../../../src/features/bookings/store/schema'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { db, uniqueEmail } from '../../../helpers/forms'

/*
 * Every time is a wall-clock time in the clinic's zone (America/Los_Angeles),
 * in years no other test of this file uses, with the clock passed explicitly.
 */
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const hour = 3_600_000
const slot = (start: Date): TimeRange => ({ start, end: new Date(start.getTime() + hour) })

async function storeBooking(now: Date) {
  const stored = await storeRequest(db(), {
    request: { kind: 'booking', name: 'Table Patient', email: uniqueEmail('table'), serviceId: 'back-pain' },
    preferredTimes: [],
    channels: [],
    dedupeKey: crypto.randomUUID(),
    now,
  })
  if (stored.duplicate) throw new Error('unexpected duplicate')
  return stored.requestId
}

/** A booking confirmed for `start`, a week before it. */
async function confirmedAt(start: Date) {
  const now = new Date(start.getTime() - 7 * 24 * hour)
  const id = await storeBooking(now)
  const { start: confirmedStart, end: confirmedEnd } = slot(start)
  expect(await applyTransition(db(), { id, guard: transitions.confirm, actor: 'test', now, set: { confirmedStart, confirmedEnd } })).toBe(true)
  return id
}

/** A booking whose appointment at `start` ended as `outcome`, recorded two hours after the start. */
async function endedAs(outcome: 'attended' | 'noShow' | 'lateCancelled', start: Date) {
  const id = await confirmedAt(start)
  expect(await applyTransition(db(), { id, guard: transitions[outcome], actor: 'test', now: new Date(start.getTime() + 2 * hour) })).toBe(true)
  return id
}

const markAs = (id: string, status: 'spam' | 'closed') => db().update(requests).set({ status }).where(eq(requests.id, id))

describe('countOutcomes', () => {
  it('counts by the appointment’s start in the clinic’s months, not UTC’s', async () => {
    await endedAs('attended', at('2031-03-01', '00:30'))
    await endedAs('lateCancelled', at('2031-03-15', '10:00'))
    // 23:30 on the last evening of February is already March 1 in UTC.
    await endedAs('noShow', at('2031-02-28', '23:30'))
    await endedAs('attended', at('2031-01-31', '23:30'))
    await endedAs('attended', at('2031-04-01', '00:30'))
    await confirmedAt(at('2031-03-20', '10:00'))
    // The last evening of March, already April in UTC.
    const counts = await countOutcomes(db(), { now: at('2031-03-31', '23:00'), timeZone: practice.timeZone })
    expect(counts).toEqual({
      thisMonth: { attended: 1, 'no-show': 0, 'late-cancelled': 1 },
      lastMonth: { attended: 0, 'no-show': 1, 'late-cancelled': 0 },
    })
  })

  it('takes last month across the new year', async () => {
    await endedAs('noShow', at('2032-12-31', '23:30'))
    await endedAs('attended', at('2033-01-03', '09:00'))
    await endedAs('attended', at('2033-01-04', '09:00'))
    const counts = await countOutcomes(db(), { now: at('2033-01-10', '12:00'), timeZone: practice.timeZone })
    expect(counts).toEqual({
      thisMonth: { attended: 2, 'no-show': 0, 'late-cancelled': 0 },
      lastMonth: { attended: 0, 'no-show': 1, 'late-cancelled': 0 },
    })
  })
})

describe('listAgenda', () => {
  it('lists the appointments holding time that start within the clinic days asked for, earliest first, across a clock change', async () => {
    // Clocks go forward in Los Angeles on Sunday 2034-03-12.
    const first = await confirmedAt(at('2034-03-10', '00:00'))
    const lastEvening = await confirmedAt(at('2034-03-12', '23:30'))
    const afternoon = await confirmedAt(at('2034-03-11', '15:00'))
    await confirmedAt(at('2034-03-09', '23:30'))
    await confirmedAt(at('2034-03-13', '00:00'))
    await markAs(await confirmedAt(at('2034-03-11', '10:00')), 'spam')
    await markAs(await confirmedAt(at('2034-03-11', '11:00')), 'closed')
    const cancelled = await confirmedAt(at('2034-03-11', '12:00'))
    await applyTransition(db(), { id: cancelled, guard: transitions.cancel, actor: 'test', now: at('2034-03-01', '09:00'), set: { cancelledBy: 'clinic' } })
    const entries = await listAgenda(db(), { from: '2034-03-10', days: 3, timeZone: practice.timeZone })
    expect(entries.map((entry) => entry.id)).toEqual([first, afternoon, lastEvening])
    expect(entries[1]).toMatchObject({ name: 'Table Patient', serviceId: 'back-pain', start: at('2034-03-11', '15:00'), end: at('2034-03-11', '16:00') })
  })
})

describe('proposals under the transition’s guard', () => {
  const now = at('2035-05-01', '09:00')
  const propose = (id: string, times: TimeRange[]) =>
    applyTransition(db(), {
      id,
      guard: transitions.propose,
      actor: 'test',
      now,
      condition: timesFreeSql(times, id),
      alongside: replaceProposals(db(), times),
    })
  const proposed = async (id: string) => (await listProposals(db(), id)).map(({ position, start, end }) => ({ position, start, end }))
  const eventsOf = (id: string) => db().select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(asc(requestEvents.id))

  it('replaces the earlier proposal with the new times', async () => {
    const id = await storeBooking(now)
    expect(await propose(id, [slot(at('2035-05-07', '10:00')), slot(at('2035-05-08', '14:00'))])).toBe(true)
    expect(await propose(id, [slot(at('2035-05-09', '11:00'))])).toBe(true)
    expect(await proposed(id)).toEqual([{ position: 1, ...slot(at('2035-05-09', '11:00')) }])
    // The first proposal answers the new request: its status becomes contacted, once.
    expect((await eventsOf(id)).map((event) => event.detail)).toEqual(['requested → proposed', 'new → contacted', 'proposed → proposed'])
  })

  it('writes nothing when a time overlaps a confirmed appointment, until that one is marked spam', async () => {
    const other = await confirmedAt(at('2035-05-14', '10:00'))
    const id = await storeBooking(now)
    await propose(id, [slot(at('2035-05-13', '10:00'))])
    const clashing = [slot(at('2035-05-15', '09:00')), slot(at('2035-05-14', '10:59'))]
    expect(await findOverlaps(db(), clashing, id)).toEqual([{ id: other, reference: expect.any(String) }])
    expect(await propose(id, clashing)).toBe(false)
    expect(await proposed(id)).toEqual([{ position: 1, ...slot(at('2035-05-13', '10:00')) }])
    expect((await eventsOf(id)).map((event) => event.detail)).toEqual(['requested → proposed', 'new → contacted'])
    // Touching ends do not overlap.
    expect(await findOverlaps(db(), [slot(at('2035-05-14', '11:00')), slot(at('2035-05-14', '09:00'))], id)).toEqual([])
    await markAs(other, 'spam')
    expect(await findOverlaps(db(), clashing, id)).toEqual([])
    expect(await propose(id, clashing)).toBe(true)
    expect((await proposed(id)).map((proposal) => proposal.position)).toEqual([1, 2])
  })

  it('leaves the proposals alone when the appointment is no longer open to proposals', async () => {
    const id = await storeBooking(now)
    await propose(id, [slot(at('2035-05-20', '10:00'))])
    await applyTransition(db(), { id, guard: transitions.decline, actor: 'test', now, set: { appointmentReason: 'Away that week' } })
    expect(await propose(id, [slot(at('2035-05-21', '10:00'))])).toBe(false)
    expect(await proposed(id)).toEqual([{ position: 1, ...slot(at('2035-05-20', '10:00')) }])
  })
})

describe('nothing moves after the start', () => {
  // The route judged the move or the cancellation a minute before the start; the write lands at or after it.
  const moveWrite = (id: string, now: Date, to: Date) =>
    applyTransition(db(), {
      id,
      guard: transitions.move,
      actor: 'test',
      now,
      set: { confirmedStart: to, confirmedEnd: new Date(to.getTime() + hour) },
      bumpSequence: true,
    })
  const cancelWrite = (id: string, now: Date) =>
    applyTransition(db(), { id, guard: transitions.cancel, actor: 'test', now, set: { cancelledBy: 'clinic' }, bumpSequence: true })
  const rowOf = async (id: string) => (await db().select().from(requests).where(eq(requests.id, id)))[0]!

  it.each([
    ['at the start', 0],
    ['a millisecond after it', 1],
  ])('refuses a move or a cancellation whose write lands %s, writing nothing', async (_, late) => {
    const start = at('2036-06-10', '10:00')
    const id = await confirmedAt(start)
    const before = { row: await rowOf(id), events: await db().select().from(requestEvents).where(eq(requestEvents.requestId, id)) }
    const writtenAt = new Date(start.getTime() + late)
    expect(await moveWrite(id, writtenAt, at('2036-06-11', '10:00'))).toBe(false)
    expect(await cancelWrite(id, writtenAt)).toBe(false)
    expect(await rowOf(id)).toEqual(before.row)
    expect(await db().select().from(requestEvents).where(eq(requestEvents.requestId, id))).toEqual(before.events)
  })

  it('still moves an appointment whose write lands a millisecond before the start', async () => {
    const start = at('2036-06-12', '10:00')
    const id = await confirmedAt(start)
    expect(await moveWrite(id, new Date(start.getTime() - 1), at('2036-06-13', '10:00'))).toBe(true)
    expect((await rowOf(id)).confirmedStart).toEqual(at('2036-06-13', '10:00'))
  })
})
