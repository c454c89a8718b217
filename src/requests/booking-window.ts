import type { PracticeConfig, Service } from '../config'
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

/** What a preferred time must fit: a treatment's length, and its name for the patient. */
export type Treatment = Pick<Service, 'name' | 'durationMinutes'>

/**
 * The chosen service, or, when the id names none, a treatment as long as the
 * shortest service: a bad service id has its own error, and the times should
 * be judged as leniently as any service would allow.
 */
export function treatmentFor(serviceId: unknown, config: PracticeConfig): Treatment {
  const service = config.services.find((candidate) => candidate.id === serviceId)
  return service ?? { name: 'treatment', durationMinutes: Math.min(...config.services.map((candidate) => candidate.durationMinutes)) }
}

/** The parts of the period the clinic is open on that date, in minutes since midnight. */
function openParts(date: string, period: DayPeriod, config: PracticeConfig): { start: number; end: number }[] {
  const weekday = weekdayOf(date)
  return config.openingHours
    .filter((hours) => hours.days.includes(weekday))
    .map((hours) => ({
      start: Math.max(minutes(hours.opens), minutes(periodHours[period].from)),
      end: Math.min(minutes(hours.closes), minutes(periodHours[period].to)),
    }))
    .filter((part) => part.end > part.start)
}

/**
 * The part of the period the clinic is open on that date, long enough for a
 * treatment of `durationMinutes`, or null when there is none.
 *
 * @example openWindow('2027-03-15', 'evening', 60, practice) // { opens: '17:00', closes: '18:00' }
 */
export function openWindow(date: string, period: DayPeriod, durationMinutes: number, config: PracticeConfig): { opens: string; closes: string } | null {
  const part = openParts(date, period, config).find(({ start, end }) => end - start >= durationMinutes)
  return part ? { opens: clock(part.start), closes: clock(part.end) } : null
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
export function preferredTimeProblem(date: string, period: DayPeriod, treatment: Treatment, now: Date, config: PracticeConfig): string | null {
  if (!isCalendarDate(date)) return 'Enter a real date, for example 2027-03-14'
  if (config.booking.closedDates.includes(date)) return 'The clinic is closed on that date. Choose another day'
  const bookable = bookableDates(now, config)
  const tooSoon = `Choose a time at least ${config.booking.minimumNoticeHours} hours from now`
  if (date > bookable.last) return `Choose a date within the next ${config.booking.horizonDays} days`
  if (date < bookable.first) return tooSoon
  const periodName = periodHours[period].label.toLowerCase()
  if (openParts(date, period, config).length === 0) return `The clinic is not open in the ${periodName} that day. Choose another day or time of day`
  const window = openWindow(date, period, treatment.durationMinutes, config)
  if (!window) {
    return `The clinic is not open long enough in the ${periodName} that day for a ${treatment.durationMinutes}-minute ${treatment.name}. Choose another day or time of day`
  }
  const start = zonedInstant(date, window.opens, config.timeZone)
  if (start.getTime() - now.getTime() < config.booking.minimumNoticeHours * 3_600_000) return tooSoon
  return null
}
