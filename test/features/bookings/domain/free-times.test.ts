import { describe, expect, it } from 'vitest'
import { type FreeTimesQuery, listFreeStarts } from '../../../../src/features/bookings/domain/free-times'
import { zonedDate, zonedInstant, zonedTime } from '../../../../src/platform/time-zone'

const timeZone = 'America/Los_Angeles'
const at = (date: string, time: string) => zonedInstant(date, time, timeZone).getTime()
const minutes = (count: number) => count * 60_000

/** A week of 2027-03 with one morning range on weekdays, asked from the Monday before, no notice. */
const query = (overrides: Partial<FreeTimesQuery> = {}): FreeTimesQuery => ({
  weekly: { Mo: [{ opens: '09:00', closes: '11:00' }], Tu: [{ opens: '09:00', closes: '11:00' }], We: [], Th: [], Fr: [], Sa: [], Su: [] },
  timeOff: [],
  appointments: [],
  durationMinutes: 60,
  minimumNoticeHours: 0,
  horizonDays: 60,
  timeZone,
  now: new Date('2027-03-08T12:00:00Z'),
  from: '2027-03-15',
  to: '2027-03-15',
  ...overrides,
})

/** Free starts as the clinic's wall clock reads them. */
const localStarts = (q: FreeTimesQuery) => listFreeStarts(q).map((start) => `${zonedDate(new Date(start), timeZone)} ${zonedTime(new Date(start), timeZone)}`)
const times = (q: FreeTimesQuery) => localStarts(q).map((label) => label.slice(11))
const isoStarts = (q: FreeTimesQuery) => listFreeStarts(q).map((start) => new Date(start).toISOString())

describe('the start-time step', () => {
  it('counts every 15, 30 or 60 minutes from the range opening, 30 by default', () => {
    expect(times(query({ stepMinutes: 15 }))).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00'])
    expect(times(query({ stepMinutes: 30 }))).toEqual(['09:00', '09:30', '10:00'])
    expect(times(query())).toEqual(['09:00', '09:30', '10:00'])
    expect(times(query({ stepMinutes: 60 }))).toEqual(['09:00', '10:00'])
  })

  it('steps from each range of the day, so a range opening on the quarter hour keeps its own grid', () => {
    const weekly = {
      Mo: [
        { opens: '13:15', closes: '15:00' },
        { opens: '09:00', closes: '10:00' },
      ],
    }
    expect(times(query({ weekly }))).toEqual(['09:00', '13:15', '13:45'])
  })
})

describe('what holds time', () => {
  const appointment = { start: at('2027-03-15', '10:00'), end: at('2027-03-15', '11:00') }
  const morning = { Mo: [{ opens: '09:00', closes: '12:00' }] }
  const base = { weekly: morning, durationMinutes: 30, stepMinutes: 15 as const }

  it('an appointment blocks its own time', () => {
    expect(times(query({ ...base, appointments: [appointment] }))).toEqual(['09:00', '09:15', '09:30', '11:00', '11:15', '11:30'])
  })

  it('the buffer follows each appointment, and a new one needs its own buffer before the next', () => {
    expect(times(query({ ...base, appointments: [appointment], bufferMinutes: 15 }))).toEqual(['09:00', '09:15', '11:15', '11:30'])
  })

  it('a busy block holds exactly its time: no buffer follows it, but a new appointment’s buffer must end before it', () => {
    expect(times(query({ ...base, busy: [appointment], bufferMinutes: 15 }))).toEqual(['09:00', '09:15', '11:00', '11:15', '11:30'])
  })
})

describe('the cap of appointments per day', () => {
  const early = { start: at('2027-03-15', '06:00'), end: at('2027-03-15', '07:00') }
  const late = { start: at('2027-03-15', '19:00'), end: at('2027-03-15', '20:00') }
  const nextDay = { start: at('2027-03-16', '06:00'), end: at('2027-03-16', '07:00') }
  const twoDays = { from: '2027-03-15', to: '2027-03-16', stepMinutes: 60 as const }

  it('offers nothing on a day that already holds as many appointments as the cap', () => {
    expect(localStarts(query({ ...twoDays, appointments: [early, late, nextDay], maxPerDay: 2 }))).toEqual(['2027-03-16 09:00', '2027-03-16 10:00'])
  })

  it('offers the day while it holds fewer, and is off when not set', () => {
    expect(localStarts(query({ ...twoDays, appointments: [early, late, nextDay], maxPerDay: 3 }))).toHaveLength(4)
    expect(localStarts(query({ ...twoDays, appointments: [early, late, nextDay] }))).toHaveLength(4)
  })

  it('busy blocks are not appointments and do not count', () => {
    expect(localStarts(query({ ...twoDays, busy: [early, late], maxPerDay: 1 }))).toHaveLength(4)
  })
})

describe('the calendar limits', () => {
  const monToThu = { from: '2027-03-15', to: '2027-03-18', stepMinutes: 60 as const }
  const everyDay = {
    Mo: [{ opens: '09:00', closes: '10:00' }],
    Tu: [{ opens: '09:00', closes: '10:00' }],
    We: [{ opens: '09:00', closes: '10:00' }],
    Th: [{ opens: '09:00', closes: '10:00' }],
  }

  it('time off closes every date of each entry, both ends included', () => {
    const timeOff = [{ from: '2027-03-16', to: '2027-03-17' }]
    expect(localStarts(query({ ...monToThu, weekly: everyDay, timeOff }))).toEqual(['2027-03-15 09:00', '2027-03-18 09:00'])
  })

  it('the horizon’s last day is offered whole, the day after it not at all', () => {
    // 12:00 PST on 2027-03-01: a 14-day horizon ends on 2027-03-15.
    const now = new Date('2027-03-01T20:00:00Z')
    expect(localStarts(query({ ...monToThu, weekly: everyDay, now, horizonDays: 14 }))).toEqual(['2027-03-15 09:00'])
  })

  it('a start exactly at the minimum notice is offered; one millisecond later it is not', () => {
    const notice = { minimumNoticeHours: 24, weekly: { Mo: [{ opens: '09:00', closes: '10:30' }] }, durationMinutes: 30 }
    const exactly = new Date(at('2027-03-15', '09:00') - 24 * 3_600_000)
    expect(times(query({ ...notice, now: exactly }))).toEqual(['09:00', '09:30', '10:00'])
    expect(times(query({ ...notice, now: new Date(exactly.getTime() + 1) }))).toEqual(['09:30', '10:00'])
  })
})

describe('daylight saving in the clinic’s zone (America/Los_Angeles)', () => {
  const night = (date: string, overrides: Partial<FreeTimesQuery>) =>
    query({
      weekly: { Su: [{ opens: '01:00', closes: '04:00' }] },
      from: date,
      to: date,
      now: new Date('2027-03-01T00:00:00Z'),
      horizonDays: 365,
      ...overrides,
    })

  it('spring forward (2027-03-14): no start in the skipped hour', () => {
    const springDay = night('2027-03-14', { durationMinutes: 30 })
    expect(times(springDay)).toEqual(['01:00', '01:30', '03:00', '03:30'])
    expect(isoStarts(springDay)).toEqual(['2027-03-14T09:00:00.000Z', '2027-03-14T09:30:00.000Z', '2027-03-14T10:00:00.000Z', '2027-03-14T10:30:00.000Z'])
  })

  it('spring forward: a 60-minute treatment from 01:30 PST ends 60 real minutes later, at 03:30 PDT', () => {
    expect(isoStarts(night('2027-03-14', {}))).toEqual(['2027-03-14T09:00:00.000Z', '2027-03-14T09:30:00.000Z', '2027-03-14T10:00:00.000Z'])
    const start = at('2027-03-14', '01:30')
    const heldFrom = (from: number) => night('2027-03-14', { appointments: [{ start: from, end: from + minutes(30) }] })
    expect(listFreeStarts(heldFrom(start + minutes(60)))).toContain(start)
    expect(listFreeStarts(heldFrom(start + minutes(60) - 1))).not.toContain(start)
  })

  it('fall back (2027-11-07): 01:30 is offered once, in its first (PDT) occurrence', () => {
    const fallDay = night('2027-11-07', { durationMinutes: 30 })
    expect(times(fallDay).filter((time) => time === '01:30')).toHaveLength(1)
    expect(isoStarts(fallDay)).toEqual([
      '2027-11-07T08:00:00.000Z',
      '2027-11-07T08:30:00.000Z',
      '2027-11-07T10:00:00.000Z',
      '2027-11-07T10:30:00.000Z',
      '2027-11-07T11:00:00.000Z',
      '2027-11-07T11:30:00.000Z',
    ])
  })

  it('fall back: a 60-minute treatment from 01:30 PDT ends 60 real minutes later, at 01:30 PST, inside a range closing at 02:00', () => {
    const shortNight = (overrides: Partial<FreeTimesQuery>) => night('2027-11-07', { weekly: { Su: [{ opens: '01:00', closes: '02:00' }] }, ...overrides })
    expect(isoStarts(shortNight({}))).toEqual(['2027-11-07T08:00:00.000Z', '2027-11-07T08:30:00.000Z'])
    const start = Date.parse('2027-11-07T08:30:00Z')
    const heldFrom = (from: number) => shortNight({ appointments: [{ start: from, end: from + minutes(15) }] })
    expect(listFreeStarts(heldFrom(start + minutes(60)))).toContain(start)
    expect(listFreeStarts(heldFrom(start + minutes(60) - 1))).not.toContain(start)
  })
})
