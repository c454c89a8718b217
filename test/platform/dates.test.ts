import { describe, expect, it } from 'vitest'
import { formatInstantWithZone } from '../../src/features/notifications/format'
import { formatDate, formatInstant } from '../../src/platform/dates'

describe('dates', () => {
  it('formats a calendar date without a day shift', () => {
    expect(formatDate('2026-11-01')).toBe('November 1, 2026')
    expect(formatDate('2027-01-31')).toBe('January 31, 2027')
  })

  it('formats an instant on the clinic wall clock, across daylight saving', () => {
    expect(formatInstant(new Date('2026-11-26T17:05:00Z'))).toBe('Nov 26, 2026, 9:05 AM')
    expect(formatInstant(new Date('2027-07-12T16:30:00Z'))).toBe('Jul 12, 2027, 9:30 AM')
  })

  it('names the zone in notifications, which may be read elsewhere', () => {
    expect(formatInstantWithZone(new Date('2026-12-01T17:30:00Z'))).toBe('Dec 1, 2026, 9:30 AM (Pacific Time)')
  })
})
