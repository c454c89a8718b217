import { describe, expect, it } from 'vitest'
import { readAppointmentPolicy } from '../../../../src/features/settings/domain/appointment-policy'

describe('readAppointmentPolicy', () => {
  it('gives the defaults when nothing is set', () => {
    expect(readAppointmentPolicy({})).toEqual({
      reminderHours: [24],
      quietHours: { from: '21:00', to: '08:00' },
      expiryHours: 72,
      cancelNoticeHours: 24,
    })
  })

  it('reads several lead times, largest first, without repeats or zeros', () => {
    expect(readAppointmentPolicy({ REMINDER_HOURS: '2, 48' }).reminderHours).toEqual([48, 2])
    expect(readAppointmentPolicy({ REMINDER_HOURS: '24,24,0' }).reminderHours).toEqual([24])
    expect(readAppointmentPolicy({ REMINDER_HOURS: '' }).reminderHours).toEqual([])
  })

  it('falls back to the default instead of turning a safeguard off when a value cannot be read', () => {
    expect(readAppointmentPolicy({ REMINDER_HOURS: 'soon,2' }).reminderHours).toEqual([24])
    expect(readAppointmentPolicy({ QUIET_HOURS: '9pm-8am' }).quietHours).toEqual({ from: '21:00', to: '08:00' })
    expect(readAppointmentPolicy({ REQUEST_EXPIRY_HOURS: 'three days' }).expiryHours).toBe(72)
    expect(readAppointmentPolicy({ REQUEST_EXPIRY_HOURS: '-1' }).expiryHours).toBe(72)
  })

  it('turns quiet hours off when empty and expiry off at 0', () => {
    expect(readAppointmentPolicy({ QUIET_HOURS: '' }).quietHours).toBeNull()
    expect(readAppointmentPolicy({ QUIET_HOURS: '12:30-14:00' }).quietHours).toEqual({ from: '12:30', to: '14:00' })
    expect(readAppointmentPolicy({ REQUEST_EXPIRY_HOURS: '0' }).expiryHours).toBe(0)
  })
})
