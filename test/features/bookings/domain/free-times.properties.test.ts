import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Weekday } from '../../../../src/config'
import { type FreeTimesQuery, type Interval, listFreeStarts } from '../../../../src/features/bookings/domain/free-times'
import { addDays, weekdayOf, zonedDate, zonedInstant, zonedTime } from '../../../../src/platform/time-zone'

const minute = 60_000
const day = 24 * 60 * minute
const weekdays: Weekday[] = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))

/** Zones with both kinds of clock change (an hour, Lord Howe's half hour) and one without; dates on and around their changes. */
const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata']
const aroundDates = ['2027-03-14', '2027-11-07', '2027-03-28', '2027-10-31', '2027-04-04', '2027-10-03', '2027-06-15']

const openingRange = fc
  .tuple(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 1, max: 600 }))
  .map(([opens, length]) => ({ opens: clock(opens), closes: clock(Math.min(opens + length, 1439)) }))
const heldNearby = fc
  .tuple(fc.integer({ min: -3 * day, max: 4 * day }), fc.integer({ min: 1, max: 5 * 60 * minute }))
  .map(([offset, length]) => ({ offset, length }))

const scenario = fc.record({
  timeZone: fc.constantFrom(...zones),
  around: fc.constantFrom(...aroundDates),
  weekly: fc.record(
    Object.fromEntries(weekdays.map((weekday) => [weekday, fc.array(openingRange, { maxLength: 3 })])) as Record<
      Weekday,
      fc.Arbitrary<{ opens: string; closes: string }[]>
    >,
  ),
  timeOff: fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 2 })), { maxLength: 2 }),
  appointments: fc.array(heldNearby, { maxLength: 20 }),
  busy: fc.array(heldNearby, { maxLength: 8 }),
  durationMinutes: fc.integer({ min: 5, max: 180 }),
  bufferMinutes: fc.constantFrom(0, 5, 10, 15, 30),
  minimumNoticeHours: fc.integer({ min: 0, max: 24 }),
  horizonDays: fc.integer({ min: 0, max: 10 }),
  stepMinutes: fc.constantFrom(15 as const, 30 as const, 60 as const),
  maxPerDay: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  nowOffset: fc.integer({ min: -4 * day, max: 2 * day }),
})
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

/** Six clinic days around a clock change, with everything else placed relative to that day's midnight. */
function queryOf(s: Scenario): FreeTimesQuery {
  const base = zonedInstant(s.around, '00:00', s.timeZone).getTime()
  const intervals = (list: Scenario['busy']): Interval[] => list.map(({ offset, length }) => ({ start: base + offset, end: base + offset + length }))
  return {
    ...s,
    timeOff: s.timeOff.map(([offset, days]) => ({ from: addDays(s.around, offset), to: addDays(s.around, offset + days) })),
    appointments: intervals(s.appointments),
    busy: intervals(s.busy),
    now: new Date(base + s.nowOffset),
    from: addDays(s.around, -2),
    to: addDays(s.around, 3),
  }
}

const reachOf = (q: FreeTimesQuery) => (q.durationMinutes + (q.bufferMinutes ?? 0)) * minute
const overlapsHeld = (q: FreeTimesQuery, start: number) =>
  q.appointments.some((held) => start < held.end + (q.bufferMinutes ?? 0) * minute && held.start < start + reachOf(q)) ||
  (q.busy ?? []).some((held) => start < held.end && held.start < start + reachOf(q))

/**
 * Whether the clinic has opened by `start`: an opening time the clocks skip
 * (02:15 on a day they jump from 02:00 to 02:30) opens the moment they land, so
 * any start whose wall clock reads past it counts; otherwise the opening's
 * instant decides (in an hour that repeats, its first occurrence).
 */
const openedBy = (date: string, opens: string, start: number, timeZone: string) => {
  const opening = zonedInstant(date, opens, timeZone)
  return zonedTime(opening, timeZone) !== opens || opening.getTime() <= start
}

/** Whether a start lies on the step's grid of one of its day's ranges and the treatment ends by that range's close. */
const fitsOpeningHours = (q: FreeTimesQuery, start: number) => {
  const date = zonedDate(new Date(start), q.timeZone)
  const wall = minutesOf(zonedTime(new Date(start), q.timeZone))
  return (q.weekly[weekdayOf(date)] ?? []).some(
    (range) =>
      wall >= minutesOf(range.opens) &&
      (wall - minutesOf(range.opens)) % (q.stepMinutes ?? 30) === 0 &&
      openedBy(date, range.opens, start, q.timeZone) &&
      start + q.durationMinutes * minute <= zonedInstant(date, range.closes, q.timeZone).getTime(),
  )
}
const leavesNotice = (q: FreeTimesQuery, start: number) => start >= q.now.getTime() + q.minimumNoticeHours * 3_600_000

/** Every rule checked one candidate at a time, with no shortcut: what the function must offer, exactly. */
function referenceStarts(q: FreeTimesQuery): number[] {
  const lastDate = addDays(zonedDate(q.now, q.timeZone), q.horizonDays)
  const starts = new Set<number>()
  for (let date = q.from; date <= q.to && date <= lastDate; date = addDays(date, 1)) {
    if (q.timeOff.some((entry) => entry.from <= date && date <= entry.to)) continue
    const booked = q.appointments.filter((held) => zonedDate(new Date(held.start), q.timeZone) === date).length
    if (q.maxPerDay != null && booked >= q.maxPerDay) continue
    for (const range of q.weekly[weekdayOf(date)] ?? []) {
      for (let wall = minutesOf(range.opens); wall < minutesOf(range.closes); wall += q.stepMinutes ?? 30) {
        const start = zonedInstant(date, clock(wall), q.timeZone).getTime()
        const exists = zonedTime(new Date(start), q.timeZone) === clock(wall)
        if (exists && fitsOpeningHours(q, start) && leavesNotice(q, start) && !overlapsHeld(q, start)) starts.add(start)
      }
    }
  }
  return [...starts].sort((a, b) => a - b)
}

describe('free starts, for any hours, held time and clock change', () => {
  it('no free start overlaps anything that holds time, buffer included', () => {
    fc.assert(fc.property(scenario.map(queryOf), (q) => listFreeStarts(q).every((start) => !overlapsHeld(q, start))))
  })

  it('every free start fits inside the opening hours and leaves the notice', () => {
    fc.assert(fc.property(scenario.map(queryOf), (q) => listFreeStarts(q).every((start) => fitsOpeningHours(q, start) && leavesNotice(q, start))))
  })

  it('starts are strictly ascending, and no wall-clock time of a day is offered twice', () => {
    fc.assert(
      fc.property(scenario.map(queryOf), (q) => {
        const starts = listFreeStarts(q)
        const labels = starts.map((start) => `${zonedDate(new Date(start), q.timeZone)} ${zonedTime(new Date(start), q.timeZone)}`)
        return starts.every((start, index) => index === 0 || start > starts[index - 1]!) && new Set(labels).size === labels.length
      }),
    )
  })

  it('removing an appointment never removes a free start', () => {
    fc.assert(
      fc.property(scenario.map(queryOf), fc.nat(), (q, pick) => {
        const fewer = q.appointments.filter((_, index) => index !== pick % q.appointments.length)
        const freed = new Set(listFreeStarts({ ...q, appointments: fewer }))
        return listFreeStarts(q).every((start) => freed.has(start))
      }),
    )
  })

  it('adding an appointment or a busy block never adds a free start', () => {
    fc.assert(
      fc.property(scenario.map(queryOf), heldNearby, fc.boolean(), (q, { offset, length }, asAppointment) => {
        const start = q.now.getTime() + offset
        const more = asAppointment
          ? { appointments: [...q.appointments, { start, end: start + length }] }
          : { busy: [...(q.busy ?? []), { start, end: start + length }] }
        const before = new Set(listFreeStarts(q))
        return listFreeStarts({ ...q, ...more }).every((free) => before.has(free))
      }),
    )
  })

  it('offers every start the rules allow, as checking each candidate alone finds them', () => {
    // Found by this property: Lord Howe's clocks jump from 02:00 to 02:30, and a range opening at 02:15 offers 02:30.
    const skippedOpening = queryOf({
      timeZone: 'Australia/Lord_Howe',
      around: '2027-10-03',
      weekly: { Mo: [], Tu: [], We: [], Th: [], Fr: [], Sa: [], Su: [{ opens: '02:15', closes: '02:35' }] },
      timeOff: [],
      appointments: [],
      busy: [],
      durationMinutes: 5,
      bufferMinutes: 0,
      minimumNoticeHours: 0,
      horizonDays: 0,
      stepMinutes: 15,
      maxPerDay: null,
      nowOffset: 0,
    })
    expect(referenceStarts(skippedOpening)).toEqual([Date.parse('2027-10-02T15:30:00Z')])
    expect(listFreeStarts(skippedOpening)).toEqual(referenceStarts(skippedOpening))
    fc.assert(
      fc.property(scenario.map(queryOf), (q) => {
        expect(listFreeStarts(q)).toEqual(referenceStarts(q))
      }),
    )
  })
})
