import type { PracticeConfig } from '../config'
import type { NotificationRow, RequestRow } from '../db/schema'
import { addDays, zonedDate, zonedInstant, zonedTime } from '../lib/time-zone'
import type { AppointmentPolicy } from './policy'
import { isQuiet, moveOutOfQuietHours, quietEnd } from './quiet-hours'

const hourMs = 3_600_000

/**
 * The moment `lead` hours before `start` as a patient counts it: whole days on
 * the clinic's wall clock (24 h before Monday 09:00 is Sunday 09:00, even when
 * the clocks changed overnight and only 23 hours lie between), and the hours
 * left over as elapsed time (2 h before 09:00 is 07:00).
 */
function leadBefore(start: Date, lead: number, timeZone: string): Date {
  const days = Math.floor(lead / 24)
  const sameTimeDaysBefore =
    days === 0 ? start : new Date(zonedInstant(addDays(zonedDate(start, timeZone), -days), zonedTime(start, timeZone), timeZone).getTime() + (start.getTime() % 60_000))
  return new Date(sameTimeDaysBefore.getTime() - (lead - days * 24) * hourMs)
}

/**
 * When the reminders of an appointment starting at `start`, confirmed at
 * `now`, are due, in the clinic's zone (`config`, the current settings):
 *
 * - one per lead time in `policy.reminderHours`, counted by `leadBefore`;
 * - none for a lead time when the appointment was confirmed less than a third
 *   of it before the start (no "see you tomorrow" minutes before a same-day visit);
 * - one falling in the quiet hours goes at the latest closing time of an open
 *   day before it that is not quiet (within seven days; otherwise a minute
 *   before those quiet hours began);
 * - never in the past: one whose time has gone goes at `now`, or, when `now`
 *   itself is quiet, as the quiet hours end if that is still before the start.
 *
 * @example planReminders({ start, now, policy: { reminderHours: [24], quietHours: null }, config: currentSettings() }) // [same time the day before]
 */
export function planReminders(input: {
  start: Date
  now: Date
  policy: Pick<AppointmentPolicy, 'reminderHours' | 'quietHours'>
  config: Pick<PracticeConfig, 'timeZone' | 'openingHours' | 'booking'>
}): Date[] {
  const { start, now, policy, config } = input
  const { quietHours } = policy
  const ahead = start.getTime() - now.getTime()
  const planned = policy.reminderHours
    .filter((lead) => ahead >= (lead * hourMs) / 3)
    .map((lead) => {
      const due = leadBefore(start, lead, config.timeZone)
      const moved = quietHours && isQuiet(due, quietHours, config.timeZone) ? moveOutOfQuietHours(due, quietHours, config) : due
      if (moved.getTime() >= now.getTime()) return moved.getTime()
      const morning = quietHours && isQuiet(now, quietHours, config.timeZone) ? quietEnd(now, quietHours, config.timeZone) : now
      return morning.getTime() < start.getTime() ? morning.getTime() : now.getTime()
    })
  // Two lead times moved to the same closing time make one reminder, not two at once.
  return [...new Set(planned)].map((time) => new Date(time))
}

/**
 * Why a reminder must not go out after all, or null when it still holds: the
 * appointment it was written for is no longer confirmed, its booking was
 * marked spam or closed (which releases its time), it has been moved since
 * (its SEQUENCE is not the reminder's), or it has started. Checked just before
 * sending, whatever the transitions before it voided.
 */
export function staleReminderReason(
  job: { request: Pick<RequestRow, 'appointmentState' | 'appointmentSequence' | 'confirmedStart' | 'status'>; notification: Pick<NotificationRow, 'appointmentSequence'> },
  now: Date,
): string | null {
  const { request, notification } = job
  if (request.appointmentState !== 'confirmed') return `the appointment is ${request.appointmentState ?? 'not a booking'}, no longer confirmed`
  if (request.status === 'spam' || request.status === 'closed') return `the booking is marked ${request.status}, which released its time`
  if (request.appointmentSequence !== notification.appointmentSequence) return 'the appointment was changed after this reminder was planned'
  if (!request.confirmedStart || request.confirmedStart.getTime() <= now.getTime()) return 'the appointment has already started'
  return null
}
