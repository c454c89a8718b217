import { describe, expect, it } from 'vitest'
import { describeChange } from '../../../src/features/settings/describe-change'
import { readAppointmentPolicy } from '../../../src/features/settings/domain/appointment-policy'
import { defaultSections } from '../../../src/features/settings/sections'

const start = defaultSections(readAppointmentPolicy({}))
const us = { locale: 'en-US', currency: 'USD' }

describe('a settings change in the form’s words', () => {
  it('names each policy by its label, with its unit', () => {
    const after = { ...start.policies, horizonDays: 90, reminderHours: [2, 48], quietHours: { from: '21:00', to: '08:00' }, requestExpiryHours: 0 }
    const before = { ...start.policies, horizonDays: 60, reminderHours: [], quietHours: null, requestExpiryHours: 72 }
    expect(describeChange('policies', before, after, us)).toEqual([
      'Days ahead a patient can book: 60 → 90',
      'Reminders: none → 48 and 2 hours before',
      'Quiet hours: none → 9:00 PM to 8:00 AM',
      'An unanswered request expires after: 72 hours → never',
    ])
  })

  it('names the scheduling policies and a treatment’s booking mode', () => {
    const after = { ...start.policies, bufferMinutes: 10, startStepMinutes: 60 as const, maxPerDay: 1, firstVisitsByRequest: true, waitlistWeeks: 2 }
    expect(describeChange('policies', start.policies, after, us)).toEqual([
      'Minutes kept free after each appointment: 0 → 10',
      'Start times offered: every 30 minutes → every 60 minutes',
      'Appointments a day: no limit → at most 1',
      'First visits: as the treatment is booked → through request',
      'A waitlist entry lasts: 8 weeks → 2 weeks',
    ])
    const [first, ...rest] = start.treatments.items
    const moved = { items: [{ ...first!, bookingMode: 'request' as const }, ...rest] }
    expect(describeChange('treatments', start.treatments, moved, us)).toEqual([`How patients book ${first!.name}: directly → by request`])
  })

  it('writes hours on the locale’s clock, and a closed day as closed', () => {
    const after = { weekly: { ...start.hours.weekly, Sa: [], Su: [{ opens: '10:00', closes: '12:30' }] } }
    expect(describeChange('hours', start.hours, after, { locale: 'en-GB', currency: 'GBP' })).toEqual([
      'Saturday: 09:00 to 13:00 → closed',
      'Sunday: closed → 10:00 to 12:30',
    ])
  })

  it('describes a record of an older shape as a whole instead of its internal names', () => {
    expect(describeChange('practice', {}, start.practice, us)).toEqual(['Replaced as a whole (the earlier record is in an older shape)'])
  })
})
