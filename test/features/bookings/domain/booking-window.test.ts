import { describe, expect, it } from 'vitest'
import { defaultPractice, type PracticeConfig } from '../../../../src/config'
import { bookableDates, openWindow, preferredTimeProblem, treatmentFor } from '../../../../src/features/bookings/domain/booking-window'

const config: PracticeConfig = {
  ...defaultPractice,
  timeZone: 'America/Los_Angeles',
  booking: { horizonDays: 60, minimumNoticeHours: 24, closedDates: ['2027-03-16'] },
}
const backPain = treatmentFor('back-pain', config)
const initial = treatmentFor('initial', config)

describe('opening windows', () => {
  it('weekday mornings, afternoons and early evenings are open; Saturday mornings and a short Saturday afternoon; never Sunday', () => {
    expect(openWindow('2027-03-15', 'morning', 60, config)).toEqual({ opens: '09:00', closes: '12:00' })
    expect(openWindow('2027-03-15', 'evening', 60, config)).toEqual({ opens: '17:00', closes: '18:00' })
    expect(openWindow('2027-03-13', 'afternoon', 60, config)).toEqual({ opens: '12:00', closes: '13:00' })
    expect(openWindow('2027-03-13', 'evening', 60, config)).toBeNull()
    expect(openWindow('2027-03-14', 'morning', 60, config)).toBeNull()
  })

  it('an hour-long evening or Saturday afternoon fits a 60-minute treatment but not a 90-minute one', () => {
    expect(openWindow('2027-03-15', 'evening', 90, config)).toBeNull()
    expect(openWindow('2027-03-13', 'afternoon', 90, config)).toBeNull()
    expect(openWindow('2027-03-15', 'afternoon', 90, config)).toEqual({ opens: '12:00', closes: '17:00' })
  })

  it('judges an unknown service by the shortest one', () => {
    expect(initial).toMatchObject({ durationMinutes: 90 })
    expect(treatmentFor('surgery', config)).toEqual({ name: 'treatment', durationMinutes: 60 })
    expect(treatmentFor(undefined, config)).toEqual({ name: 'treatment', durationMinutes: 60 })
  })
})

describe('minimum notice across daylight saving changes (America/Los_Angeles)', () => {
  it('spring forward: a Monday-morning start ends by 12:00 PDT (19:00Z), so 11:30 PDT is too late a first start', () => {
    // Clocks went forward on Sunday 2027-03-14. Reading Monday's noon as PST (20:00Z) would wrongly allow an 11:30 start.
    const now = new Date('2027-03-14T18:30:00Z')
    expect(preferredTimeProblem('2027-03-15', 'morning', backPain, now, config)).toMatch(/at least 24 hours/)
    expect(preferredTimeProblem('2027-03-15', 'afternoon', backPain, now, config)).toBeNull()
  })

  it('fall back: a Monday-morning start at 11:00 PST is 19:00Z, 24.5 hours after Sunday 18:30Z', () => {
    // Clocks went back on Sunday 2026-11-01. Reading Monday 11:00 as PDT (18:00Z) would wrongly refuse the morning.
    const now = new Date('2026-11-01T18:30:00Z')
    expect(preferredTimeProblem('2026-11-02', 'morning', backPain, now, config)).toBeNull()
  })

  it('judges “today” in the clinic’s zone, not UTC', () => {
    // 2027-03-16T05:00Z is still the evening of 2027-03-15 in Los Angeles; the 16th is closed, so the 17th comes first.
    const now = new Date('2027-03-16T05:00:00Z')
    expect(bookableDates(now, config)).toEqual({ first: '2027-03-17', last: '2027-05-14' })
  })
})

describe('minimum notice judged by the latest start that fits', () => {
  // Monday 2027-03-22 and Tuesday 2027-03-23, both PDT (UTC-7); the morning is open 09:00 to 12:00.
  const mondayAt = (time: string) => new Date(`2027-03-22T${time}:00-07:00`)

  it('accepts Tuesday morning at Monday 10:00, since a 10:00 or 11:00 start is more than 24 hours away', () => {
    expect(preferredTimeProblem('2027-03-23', 'morning', backPain, mondayAt('10:00'), config)).toBeNull()
    expect(preferredTimeProblem('2027-03-23', 'morning', initial, mondayAt('10:00'), config)).toBeNull()
  })

  it('accepts a period whose last start is exactly 24 hours away, and refuses it one minute later', () => {
    // An hour-long treatment must start by 11:00 to end at noon.
    expect(preferredTimeProblem('2027-03-23', 'morning', backPain, mondayAt('11:00'), config)).toBeNull()
    expect(preferredTimeProblem('2027-03-23', 'morning', backPain, mondayAt('11:01'), config)).toBe('Choose a time at least 24 hours from now')
    // A 90-minute one must start by 10:30.
    expect(preferredTimeProblem('2027-03-23', 'morning', initial, mondayAt('10:30'), config)).toBeNull()
    expect(preferredTimeProblem('2027-03-23', 'morning', initial, mondayAt('10:31'), config)).toMatch(/at least 24 hours/)
  })

  it('refuses a period whose only starts are too soon, and accepts a later one that day', () => {
    expect(preferredTimeProblem('2027-03-23', 'morning', backPain, mondayAt('11:30'), config)).toMatch(/at least 24 hours/)
    expect(preferredTimeProblem('2027-03-23', 'afternoon', backPain, mondayAt('11:30'), config)).toBeNull()
    expect(preferredTimeProblem('2027-03-23', 'evening', backPain, mondayAt('17:01'), config)).toMatch(/at least 24 hours/)
  })

  it('opens the date picker on the first day with a start left after the notice', () => {
    // Monday 17:30: nothing on Tuesday can start by 17:30 and end by 18:00.
    expect(bookableDates(mondayAt('17:30'), config).first).toBe('2027-03-24')
    expect(bookableDates(mondayAt('16:00'), config).first).toBe('2027-03-23')
    // Saturday 12:30: Sunday is closed, so Monday comes first.
    expect(bookableDates(new Date('2027-03-27T12:30:00-07:00'), config).first).toBe('2027-03-29')
  })
})

describe('the open window across a clock change', () => {
  it('counts real time across the spring-forward jump', () => {
    // On 2027-03-14 in Los Angeles 02:00 PST jumps to 03:00 PDT: 00:00 to 04:00 holds three hours, not four.
    const night: PracticeConfig = { ...config, openingHours: [{ days: ['Su'], opens: '00:00', closes: '04:00' }] }
    expect(openWindow('2027-03-14', 'morning', 180, night)).toEqual({ opens: '00:00', closes: '04:00' })
    expect(openWindow('2027-03-14', 'morning', 195, night)).toBeNull()
  })
})

describe('refusals', () => {
  const now = new Date('2027-03-01T18:00:00Z')
  it.each([
    ['2027-02-29', 'morning', /real date/],
    ['2027-03-16', 'morning', /closed on that date/],
    ['2027-02-26', 'morning', /at least 24 hours/],
    ['2027-05-01', 'morning', /within the next 60 days/],
    ['2027-03-07', 'afternoon', /not open in the afternoon/],
  ] as const)('%s %s', (date, period, message) => {
    expect(preferredTimeProblem(date, period, backPain, now, config)).toMatch(message)
  })

  it('accepts the last day of the horizon', () => {
    expect(preferredTimeProblem('2027-04-30', 'morning', backPain, now, config)).toBeNull()
  })

  it.each([
    [
      '2027-03-15',
      'evening',
      'The clinic is not open long enough in the evening that day for a 90-minute Initial consultation and treatment. Choose another day or time of day',
    ],
    [
      '2027-03-13',
      'afternoon',
      'The clinic is not open long enough in the afternoon that day for a 90-minute Initial consultation and treatment. Choose another day or time of day',
    ],
  ] as const)('refuses %s %s for the 90-minute initial consultation, and accepts it for an hour-long session', (date, period, message) => {
    expect(preferredTimeProblem(date, period, initial, now, config)).toBe(message)
    expect(preferredTimeProblem(date, period, backPain, now, config)).toBeNull()
  })

  it('says closed, not too short, when the period has no opening hours at all', () => {
    expect(preferredTimeProblem('2027-03-13', 'evening', initial, now, config)).toMatch(/^The clinic is not open in the evening that day/)
  })
})
