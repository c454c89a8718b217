import { describe, expect, it } from 'vitest'
import { addDays, isCalendarDate, weekdayOf, zonedDate, zonedInstant } from '../../src/platform/time-zone'

describe('zonedInstant', () => {
  it.each([
    ['2027-01-11', '09:00', 'America/Los_Angeles', '2027-01-11T17:00:00.000Z'],
    ['2027-07-12', '09:00', 'America/Los_Angeles', '2027-07-12T16:00:00.000Z'],
    ['2027-03-14', '03:30', 'America/Los_Angeles', '2027-03-14T10:30:00.000Z'],
    ['2027-03-28', '09:00', 'Europe/London', '2027-03-28T08:00:00.000Z'],
    ['2027-01-11', '09:00', 'Asia/Kolkata', '2027-01-11T03:30:00.000Z'],
    ['2027-04-04', '09:00', 'Australia/Sydney', '2027-04-03T23:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(iso)
  })

  it('maps a time skipped by the spring-forward jump to just after it', () => {
    // 02:30 does not exist on 2027-03-14 in Los Angeles; clocks read 03:30 PDT.
    expect(zonedInstant('2027-03-14', '02:30', 'America/Los_Angeles').toISOString()).toBe('2027-03-14T10:30:00.000Z')
  })
})

describe('calendar helpers', () => {
  it('zonedDate reads the local date', () => {
    expect(zonedDate(new Date('2027-01-01T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-12-31')
    expect(zonedDate(new Date('2027-01-01T08:00:00Z'), 'America/Los_Angeles')).toBe('2027-01-01')
  })

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
  })

  it('weekdayOf and isCalendarDate', () => {
    expect(weekdayOf('2026-11-26')).toBe('Th')
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2027-02-29')).toBe(false)
    expect(isCalendarDate('2027-1-01')).toBe(false)
  })
})
