import { describe, expect, it } from 'vitest'
import { busyCalendarIsStale } from '../../../../src/features/bookings/domain/busy-calendar'

const now = new Date('2026-11-02T12:00:00Z')

describe('busyCalendarIsStale', () => {
  it('trusts a read up to two hours old', () => {
    expect(busyCalendarIsStale({ lastGoodReadAt: new Date('2026-11-02T10:00:00Z') }, now)).toBe(false)
  })

  it('distrusts an older read, a calendar never read good, and one never read at all', () => {
    expect(busyCalendarIsStale({ lastGoodReadAt: new Date('2026-11-02T09:59:59Z') }, now)).toBe(true)
    expect(busyCalendarIsStale({ lastGoodReadAt: null }, now)).toBe(true)
    expect(busyCalendarIsStale(undefined, now)).toBe(true)
  })
})
