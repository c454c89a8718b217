import type { PracticeConfig } from '../../../config'
import { addDays, zonedDate, zonedInstant, zonedTime } from '../../../platform/time-zone'
import type { NotificationRow } from '../../notifications'
import type { AppointmentPolicy } from '../../settings'
import type { RequestRow } from '../store/schema'
import { isQuiet, moveOutOfQuietHours, quietHold } from './quiet-hours'

const hourMs = 3_600_000

/**
 * Reminders are handed to the queue only by the five-minute cron (`crons.sweep`
 * in src/worker.ts), at whole multiples of this; a reminder planned between two
 * runs goes at the later one, which may already be quiet (20:59 goes at 21:00).
 */
const reminderRunIntervalMs = 5 * 60_000

const runAtOrBefore = (ms: number) => Math.floor(ms / reminderRunIntervalMs) * reminderRunIntervalMs
const runAtOrAfter = (ms: number) => Math.ceil(ms / reminderRunIntervalMs) * reminderRunIntervalMs

/** The cron run that sends a reminder due at `due`: the one at or before it, unless that one is quiet. */
function onRunGrid(due: Date, quiet: AppointmentPolicy['quietHours'], timeZone: string): number {
  const before = runAtOrBefore(due.getTime())
  return isQuiet(new Date(before), quiet, timeZone) ? runAtOrAfter(due.getTime()) : before
}

/**
 * The moment `lead` hours before `start` as a patient counts it: whole days on
 * the clinic's wall clock (24 h before Monday 09:00 is Sunday 09:00, even when
 * the clocks changed overnight and only 23 hours lie between), and the hours
 * left over as elapsed time (2 h before 09:00 is 07:00).
 */
function leadBefore(start: Date, lead: number, timeZone: string): Date {
  const days = Math.floor(lead / 24)
  const sameTimeDaysBefore =
    days === 0
      ? start
      : new Date(zonedInstant(addDays(zonedDate(start, timeZone), -days), zonedTime(start, timeZone), timeZone).getTime() + (start.getTime() % 60_000))
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
 * - on the grid of the cron that dispatches reminders: the run at or before
 *   that time, or the one after when that run is quiet;
 * - never in the past: one whose time has gone goes at `now`, or, when the
 *   cron's next run is quiet, as the quiet hours end if that is still before the start.
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
      const run = onRunGrid(moved, quietHours, config.timeZone)
      if (run >= now.getTime()) return run
      // Due already: the next cron run hands it over, unless that run is quiet.
      return (quietHold(new Date(runAtOrAfter(now.getTime())), start, quietHours, config.timeZone) ?? now).getTime()
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
  job: {
    request: Pick<RequestRow, 'appointmentState' | 'appointmentSequence' | 'confirmedStart' | 'status'>
    notification: Pick<NotificationRow, 'appointmentSequence'>
  },
  now: Date,
): string | null {
  const { request, notification } = job
  if (request.appointmentState !== 'confirmed') return `the appointment is ${request.appointmentState ?? 'not a booking'}, no longer confirmed`
  if (request.status === 'spam' || request.status === 'closed') return `the booking is marked ${request.status}, which released its time`
  if (request.appointmentSequence !== notification.appointmentSequence) return 'the appointment was changed after this reminder was planned'
  if (!request.confirmedStart || request.confirmedStart.getTime() <= now.getTime()) return 'the appointment has already started'
  return null
}
