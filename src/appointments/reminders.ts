import type { AppointmentPolicy } from './policy'

const hourMs = 3_600_000

/**
 * When the reminders of an appointment starting at `start`, confirmed at
 * `now`, are due: one per lead time, never in the past. None for a lead time
 * when the appointment was confirmed less than a third of it before the start
 * (no "see you tomorrow" minutes before a same-day visit).
 *
 * @example planReminders({ start, now, policy: { reminderHours: [24] } }) // [start - 24 h]
 */
export function planReminders(input: { start: Date; now: Date; policy: Pick<AppointmentPolicy, 'reminderHours'> }): Date[] {
  const ahead = input.start.getTime() - input.now.getTime()
  return input.policy.reminderHours
    .filter((lead) => ahead >= (lead * hourMs) / 3)
    .map((lead) => new Date(Math.max(input.start.getTime() - lead * hourMs, input.now.getTime())))
}
