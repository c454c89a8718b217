import type { PracticeConfig } from '../config'
import type { DayPeriod } from '../db/schema'
import { addDays, isCalendarDate, weekdayOf, zonedDate, zonedInstant } from '../lib/time-zone'

/** Local clock ranges of the periods a patient can ask for. */
export const periodHours: Record<DayPeriod, { from: string; to: string; label: string }> = {
  morning: { from: '00:00', to: '12:00', label: 'Morning' },
  afternoon: { from: '12:00', to: '17:00', label: 'Afternoon' },
  evening: { from: '17:00', to: '24:00', label: 'Evening' },
}

const minutes = (time: string) => {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  return hour * 60 + minute
}
const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`

/**
 * The part of the period the clinic is open on that date, long enough for the
 * shortest service, or null when it is closed then.
 */
export function openWindow(date: string, period: DayPeriod, config: PracticeConfig): { opens: string; closes: string } | null {
  const shortestService = Math.min(...config.services.map((service) => service.durationMinutes))
  const weekday = weekdayOf(date)
  for (const hours of config.openingHours) {
    if (!hours.days.includes(weekday)) continue
    const start = Math.max(minutes(hours.opens), minutes(periodHours[period].from))
    const end = Math.min(minutes(hours.closes), minutes(periodHours[period].to))
    if (end - start >= shortestService) return { opens: clock(start), closes: clock(end) }
  }
  return null
}

/** The earliest and latest dates a patient may pick, in the clinic's zone. */
export function bookableDates(now: Date, config: PracticeConfig): { first: string; last: string } {
  const earliest = new Date(now.getTime() + config.booking.minimumNoticeHours * 3_600_000)
  return { first: zonedDate(earliest, config.timeZone), last: addDays(zonedDate(now, config.timeZone), config.booking.horizonDays) }
}

/**
 * Why a preferred time cannot be offered, in words for the patient, or null
 * when it can. Judged in the clinic's time zone, so DST changes are respected.
 */
export function preferredTimeProblem(date: string, period: DayPeriod, now: Date, config: PracticeConfig): string | null {
  if (!isCalendarDate(date)) return 'Enter a real date, for example 2027-03-14'
  if (config.booking.closedDates.includes(date)) return 'The clinic is closed on that date. Choose another day'
  const bookable = bookableDates(now, config)
  const tooSoon = `Choose a time at least ${config.booking.minimumNoticeHours} hours from now`
  if (date > bookable.last) return `Choose a date within the next ${config.booking.horizonDays} days`
  if (date < bookable.first) return tooSoon
  const window = openWindow(date, period, config)
  if (!window) {
    return `The clinic is not open in the ${periodHours[period].label.toLowerCase()} that day. Choose another day or time of day`
  }
  const start = zonedInstant(date, window.opens, config.timeZone)
  if (start.getTime() - now.getTime() < config.booking.minimumNoticeHours * 3_600_000) return tooSoon
  return null
}
