import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeDays, describeRanges, formatClock, groupWeek } from '../../../src/features/settings/week'

const nineToSix = [{ opens: '09:00', closes: '18:00' }]
const closed = { Mo: [], Tu: [], We: [], Th: [], Fr: [], Sa: [], Su: [] }

describe('the week as people read it', () => {
  it('groups only consecutive days with the same ranges: a closed day or other ranges start a new line', () => {
    expect(groupWeek({ ...closed, Mo: nineToSix, Tu: nineToSix, Th: nineToSix, Fr: [{ opens: '09:00', closes: '18:00' }], Su: nineToSix })).toEqual([
      { days: ['Mo', 'Tu'], ranges: nineToSix },
      { days: ['Th', 'Fr'], ranges: nineToSix },
      { days: ['Su'], ranges: nineToSix },
    ])
    expect(groupWeek(closed)).toEqual([])
  })

  it('names one, two or a run of days', () => {
    expect([describeDays(['We']), describeDays(['Th', 'Fr']), describeDays(['Mo', 'Tu', 'We'])]).toEqual([
      'Wednesday',
      'Thursday and Friday',
      'Monday to Wednesday',
    ])
  })

  it('writes times on the locale’s clock, ranges in order of opening', () => {
    expect([formatClock('14:05', 'en-GB'), formatClock('00:30', 'en-GB')]).toEqual(['14:05', '00:30'])
    expect(
      describeRanges(
        [
          { opens: '14:00', closes: '19:00' },
          { opens: '09:00', closes: '12:00' },
        ],
        'en-US',
      ),
    ).toBe('9:00 AM to 12:00 PM, 2:00 PM to 7:00 PM')
    expect(describeRanges([], 'en-US')).toBe('closed')
  })

  it('builds no clock formatter after its first time in a locale, whatever the page writes', () => {
    const ranges = [{ opens: '09:00', closes: '12:00' }]
    expect([describeRanges(ranges, 'en-AU'), formatClock('08:15', 'en-GB')]).toEqual(['9:00 am to 12:00 pm', '08:15'])
    const made = vi.spyOn(Intl, 'DateTimeFormat')
    expect([describeRanges(ranges, 'en-AU'), formatClock('17:30', 'en-AU'), formatClock('20:45', 'en-GB')]).toEqual(['9:00 am to 12:00 pm', '5:30 pm', '20:45'])
    expect(made).not.toHaveBeenCalled()
  })
})

afterEach(() => {
  vi.restoreAllMocks()
})
