import { describe, expect, it } from 'vitest'
import { checkSection } from '../../../src/features/settings/checks'
import { readAppointmentPolicy } from '../../../src/features/settings/domain/appointment-policy'
import { defaultSections, settingsFrom } from '../../../src/features/settings/sections'

const settings = settingsFrom(defaultSections(readAppointmentPolicy({})))
const today = '2027-03-01'
const timeOff = (from: string, to: string) =>
  checkSection('time-off', { entries: [{ from, to, note: '' }] }, settings, today).map((issue) => [issue.path.join('.'), issue.message])

describe('time off entries', () => {
  it('may start up to a year back and end up to two years ahead of the clinic’s today, no further', () => {
    expect(timeOff('2026-02-28', '2026-03-01')).toEqual([])
    expect(timeOff('2026-02-27', '2026-03-01')).toEqual([
      ['entries.0.from', 'Starts more than a year ago: enter a first day from 2026-02-28 on, or remove this entry'],
    ])
    expect(timeOff('2029-02-01', '2029-03-01')).toEqual([])
    expect(timeOff('2029-02-01', '2029-03-02')).toEqual([['entries.0.to', 'Ends more than two years ahead: enter a last day up to 2029-03-01']])
    expect(timeOff('1000-01-01', '9999-12-31')).toEqual([
      ['entries.0.from', 'Starts more than a year ago: enter a first day from 2026-02-28 on, or remove this entry'],
    ])
  })

  it('last a year at most', () => {
    expect(timeOff('2027-06-01', '2028-05-31')).toEqual([])
    expect(timeOff('2027-06-01', '2028-06-01')).toEqual([
      ['entries.0.to', 'Longer than a year: enter a last day up to 2028-05-31, and add another entry for the rest'],
    ])
  })
})

describe('the practice’s country', () => {
  const country = (code: string) =>
    checkSection('practice', { ...defaultSections(readAppointmentPolicy({})).practice, address: { ...settings.address, country: code } }, settings, today).map(
      (issue) => [issue.path.join('.'), issue.message],
    )

  it('is one phone numbers can be read for', () => {
    expect(country('US')).toEqual([])
    expect(country('GB')).toEqual([])
    expect(country('UK')).toEqual([['address.country', 'Not a country code phone numbers are known for: enter two letters such as US, CA or GB (not UK)']])
  })
})
