import { describe, expect, it } from 'vitest'
import { findAffectedReason, findChangedReason } from '../../../../src/features/bookings/domain/affected'
import type { Settings } from '../../../../src/features/settings/sections'
import { zonedInstant } from '../../../../src/platform/time-zone'

const timeZone = 'America/Los_Angeles'
const closed = { Mo: [], Tu: [], We: [], Th: [], Fr: [], Sa: [], Su: [] }
const week: Pick<Settings, 'timeZone' | 'weekly' | 'timeOff'> = {
  timeZone,
  // Tuesday has a lunch break: two ranges.
  weekly: {
    ...closed,
    Tu: [
      { opens: '09:00', closes: '12:00' },
      { opens: '13:00', closes: '17:00' },
    ],
  },
  timeOff: [{ from: '2027-06-15', to: '2027-06-16', note: 'Training' }],
}
const appointment = (date: string, time: string, minutes: number) => {
  const start = zonedInstant(date, time, timeZone)
  return [start, new Date(start.getTime() + minutes * 60_000)] as const
}

describe('findAffectedReason', () => {
  it('accepts an appointment inside one range, up to its closing time, on the clinic’s wall clock', () => {
    expect(findAffectedReason(...appointment('2027-06-08', '09:00', 180), week)).toBeNull()
    expect(findAffectedReason(...appointment('2027-06-08', '16:00', 60), week)).toBeNull()
  })

  it('flags one across the lunch break, before opening, on a closed day or past midnight', () => {
    expect(findAffectedReason(...appointment('2027-06-08', '11:30', 60), week)).toBe('outside the opening hours')
    expect(findAffectedReason(...appointment('2027-06-08', '08:30', 60), week)).toBe('outside the opening hours')
    expect(findAffectedReason(...appointment('2027-06-09', '10:00', 60), week)).toBe('outside the opening hours')
    const allDay = { ...week, weekly: { ...closed, Tu: [{ opens: '00:00', closes: '23:59' }] } }
    expect(findAffectedReason(...appointment('2027-06-08', '23:30', 60), allDay)).toBe('outside the opening hours')
  })

  it('flags one on any day of a time-off range, even inside the opening hours', () => {
    expect(findAffectedReason(...appointment('2027-06-15', '10:00', 60), week)).toBe('inside time off')
    expect(findAffectedReason(...appointment('2027-06-22', '10:00', 60), week)).toBeNull()
  })

  it('names only what a change did: outside the hours before and after is no news, newly inside time off is', () => {
    const evening = appointment('2027-06-08', '18:00', 60)
    const laterHours = { ...week, weekly: { ...closed, Tu: [{ opens: '10:00', closes: '17:00' }] } }
    expect(findChangedReason(...evening, laterHours, week)).toBeNull()
    expect(findChangedReason(...evening, { ...laterHours, timeOff: [{ from: '2027-06-08', to: '2027-06-08', note: '' }] }, week)).toBe('inside time off')
    const morning = appointment('2027-06-08', '09:00', 60)
    expect(findChangedReason(...morning, laterHours, week)).toBe('outside the opening hours')
  })
})
