import type { PracticeConfig } from '../../../config'
import { addDays, weekdayOf, zonedDate, zonedInstant, zonedTime } from '../../../platform/time-zone'
import type { AppointmentPolicy } from '../../settings'

type QuietHours = NonNullable<AppointmentPolicy['quietHours']>

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
const spansMidnight = (quiet: QuietHours): boolean => minutesOf(quiet.from) > minutesOf(quiet.to)
const dayMs = 24 * 3_600_000

/**
 * Whether the clinic's wall clock at `instant` reads within the quiet hours
 * [from, to). A range that spans midnight ("21:00-08:00") covers both ends of
 * the day; an empty one ("09:00-09:00") covers nothing.
 */
export function isQuiet(instant: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false
  const clock = minutesOf(zonedTime(instant, timeZone))
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  return spansMidnight(quiet) ? clock >= from || clock < to : clock >= from && clock < to
}

/** The clinic date on which the quiet period holding `instant` began (the day before, after midnight). */
const quietStartDate = (instant: Date, quiet: QuietHours, timeZone: string): string => {
  const date = zonedDate(instant, timeZone)
  return spansMidnight(quiet) && minutesOf(zonedTime(instant, timeZone)) < minutesOf(quiet.to) ? addDays(date, -1) : date
}

/** When the quiet period holding `instant` ends, on the clinic's wall clock. */
export function quietEnd(instant: Date, quiet: QuietHours, timeZone: string): Date {
  const startDate = quietStartDate(instant, quiet, timeZone)
  return zonedInstant(spansMidnight(quiet) ? addDays(startDate, 1) : startDate, quiet.to, timeZone)
}

/**
 * Until when a reminder of an appointment starting at `start` waits when, at
 * `now` (a cron run or the send itself), the quiet hours hold: their end,
 * unless the appointment starts by then (it goes now rather than never).
 * Null when it may go now.
 */
export function quietHold(now: Date, start: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet || !isQuiet(now, quiet, timeZone)) return null
  const end = quietEnd(now, quiet, timeZone)
  return end.getTime() < start.getTime() ? end : null
}

/**
 * The time a send due at `due` (inside the quiet hours) goes instead: the
 * latest closing time of an open day before it that is not itself quiet,
 * looking back at most seven days; failing that, a minute before that
 * evening's quiet hours began.
 *
 * @example moveOutOfQuietHours(Tuesday 07:00, { from: '21:00', to: '08:00' }, currentSettings()) // Monday 18:00
 */
export function moveOutOfQuietHours(due: Date, quiet: QuietHours, config: Pick<PracticeConfig, 'timeZone' | 'openingHours' | 'booking'>): Date {
  const { timeZone } = config
  const earliest = due.getTime() - 7 * dayMs
  for (let back = 0; back <= 7; back++) {
    const date = addDays(zonedDate(due, timeZone), -back)
    if (config.booking.closedDates.includes(date)) continue
    const closings = config.openingHours
      .filter((hours) => hours.days.includes(weekdayOf(date)))
      .map((hours) => zonedInstant(date, hours.closes, timeZone))
      .filter((closing) => closing.getTime() <= due.getTime() && closing.getTime() >= earliest && !isQuiet(closing, quiet, timeZone))
      .sort((a, b) => b.getTime() - a.getTime())
    if (closings[0]) return closings[0]
  }
  return new Date(zonedInstant(quietStartDate(due, quiet, timeZone), quiet.from, timeZone).getTime() - 60_000)
}
