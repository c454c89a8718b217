import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatPrice } from '../../src/config'
import { dateTimeFormat } from '../../src/platform/intl-formats'
import { describeTimeOff } from '../../src/ui/TimeOffNotice'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('formatters kept per locale and options', () => {
  it('hands back the formatter it built for the same locale and options, and another for other ones', () => {
    const clock = dateTimeFormat('en-NZ', { timeStyle: 'short', timeZone: 'UTC' })
    expect(dateTimeFormat('en-NZ', { timeStyle: 'short', timeZone: 'UTC' })).toBe(clock)
    expect(dateTimeFormat('en-NZ', { dateStyle: 'short', timeZone: 'UTC' })).not.toBe(clock)
    expect(dateTimeFormat('en-CA', { timeStyle: 'short', timeZone: 'UTC' })).not.toBe(clock)
  })

  it('the price and the time-off notice on public pages build no formatter once they have written in a locale', () => {
    const entry = { from: '2091-12-24', to: '2092-01-02', note: 'conference' }
    const write = () => [formatPrice(9500, { locale: 'en-IE', currency: 'EUR' }), describeTimeOff(entry, 'en-IE')]
    expect(write()).toEqual(['€95.00', 'Closed 24 December to 2 January: conference'])
    const dates = vi.spyOn(Intl, 'DateTimeFormat')
    const numbers = vi.spyOn(Intl, 'NumberFormat')
    expect(write()).toEqual(['€95.00', 'Closed 24 December to 2 January: conference'])
    expect(dates).not.toHaveBeenCalled()
    expect(numbers).not.toHaveBeenCalled()
  })
})
