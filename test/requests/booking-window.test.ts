import { describe, expect, it } from 'vitest'
import { practice, type PracticeConfig } from '../../src/config'
import { bookableDates, openWindow, preferredTimeProblem, treatmentFor } from '../../src/requests/booking-window'

const config: PracticeConfig = { ...practice, timeZone: 'America/Los_Angeles', booking: { horizonDays: 60, minimumNoticeHours: 24, closedDates: ['2027-03-16'] } }
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
  it('spring forward: Monday 09:00 PDT is 16:00Z, so 23.5 hours after Sunday 16:30Z is too soon', () => {
    // Clocks went forward on Sunday 2027-03-14. Reading Monday 09:00 as PST (17:00Z) would wrongly allow it.
    const now = new Date('2027-03-14T16:30:00Z')
    expect(preferredTimeProblem('2027-03-15', 'morning', backPain, now, config)).toMatch(/at least 24 hours/)
    expect(preferredTimeProblem('2027-03-15', 'afternoon', backPain, now, config)).toBeNull()
  })

  it('fall back: Monday 09:00 PST is 17:00Z, so 24.5 hours after Sunday 16:30Z is enough', () => {
    // Clocks went back on Sunday 2026-11-01. Reading Monday 09:00 as PDT (16:00Z) would wrongly refuse it.
    const now = new Date('2026-11-01T16:30:00Z')
    expect(preferredTimeProblem('2026-11-02', 'morning', backPain, now, config)).toBeNull()
  })

  it('judges “today” in the clinic’s zone, not UTC', () => {
    // 2027-03-16T05:00Z is still the evening of 2027-03-15 in Los Angeles.
    const now = new Date('2027-03-16T05:00:00Z')
    expect(bookableDates(now, config)).toEqual({ first: '2027-03-16', last: '2027-05-14' })
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
    ['2027-03-15', 'evening', 'The clinic is not open long enough in the evening that day for a 90-minute Initial consultation and treatment. Choose another day or time of day'],
    ['2027-03-13', 'afternoon', 'The clinic is not open long enough in the afternoon that day for a 90-minute Initial consultation and treatment. Choose another day or time of day'],
  ] as const)('refuses %s %s for the 90-minute initial consultation, and accepts it for an hour-long session', (date, period, message) => {
    expect(preferredTimeProblem(date, period, initial, now, config)).toBe(message)
    expect(preferredTimeProblem(date, period, backPain, now, config)).toBeNull()
  })

  it('says closed, not too short, when the period has no opening hours at all', () => {
    expect(preferredTimeProblem('2027-03-13', 'evening', initial, now, config)).toMatch(/^The clinic is not open in the evening that day/)
  })
})
