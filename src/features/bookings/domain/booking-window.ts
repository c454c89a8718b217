import type { PracticeConfig, Service } from '../../../config'
import { addDays, isCalendarDate, weekdayOf, zonedDate, zonedInstant } from '../../../platform/time-zone'
import type { DayPeriod } from './vocabulary'

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

const shortestTreatment = (config: PracticeConfig) => Math.min(...config.services.map((service) => service.durationMinutes))

/**
 * The chosen service, or, when the id names none, a treatment as long as the
 * shortest service: a bad service id has its own error, and the times should
 * be judged as leniently as any service would allow.
 */
export function treatmentFor(serviceId: unknown, config: PracticeConfig): Treatment {
  const service = config.services.find((candidate) => candidate.id === serviceId)
  return service ?? { name: 'treatment', durationMinutes: shortestTreatment(config) }
}

/** A part of a period the clinic is open, as local clock minutes and as instants. */
interface OpenPart {
  start: number
  end: number
  opens: Date
  closes: Date
}

/** The instant a local clock time in minutes since midnight occurs; 24:00 is the next day's midnight. */
const instantAt = (date: string, total: number, timeZone: string) =>
  total >= 24 * 60 ? zonedInstant(addDays(date, 1), clock(total - 24 * 60), timeZone) : zonedInstant(date, clock(total), timeZone)

/** The parts of the period the clinic is open on that date, judged in the clinic's zone (DST-correct). */
function openParts(date: string, period: DayPeriod, config: PracticeConfig): OpenPart[] {
  const weekday = weekdayOf(date)
  return config.openingHours
    .filter((hours) => hours.days.includes(weekday))
    .map((hours) => ({
      start: Math.max(minutes(hours.opens), minutes(periodHours[period].from)),
      end: Math.min(minutes(hours.closes), minutes(periodHours[period].to)),
    }))
    .filter((part) => part.end > part.start)
    .map((part) => ({ ...part, opens: instantAt(date, part.start, config.timeZone), closes: instantAt(date, part.end, config.timeZone) }))
}

/**
 * Whether a treatment of `durationMinutes` can start in the part at or after
 * `earliest` and still end by closing: the latest such start is closing time
 * less the treatment, which must not be before opening or before `earliest`.
 */
const fits = (part: OpenPart, durationMinutes: number, earliest?: Date) => {
  const latestStart = part.closes.getTime() - durationMinutes * 60_000
  return latestStart >= part.opens.getTime() && (!earliest || latestStart >= earliest.getTime())
}

/**
 * The part of the period the clinic is open on that date in which a treatment
 * of `durationMinutes` can start (at or after `earliest`, when given) and end
 * by closing, or null when there is none.
 *
 * @example openWindow('2027-03-15', 'evening', 60, currentSettings()) // { opens: '17:00', closes: '18:00' }
 */
export function openWindow(
  date: string,
  period: DayPeriod,
  durationMinutes: number,
  config: PracticeConfig,
  earliest?: Date,
): { opens: string; closes: string } | null {
  const part = openParts(date, period, config).find((candidate) => fits(candidate, durationMinutes, earliest))
  return part ? { opens: clock(part.start), closes: clock(part.end) } : null
}

const earliestStart = (now: Date, config: PracticeConfig) => new Date(now.getTime() + config.booking.minimumNoticeHours * 3_600_000)
const periods = Object.keys(periodHours) as DayPeriod[]

/**
 * The earliest and latest dates a patient may pick, in the clinic's zone. The
 * first is the first date with a period in which the shortest treatment still
 * fits after the notice, so the date picker does not open on a day that is
 * already gone.
 */
export function bookableDates(now: Date, config: PracticeConfig): { first: string; last: string } {
  const earliest = earliestStart(now, config)
  const last = addDays(zonedDate(now, config.timeZone), config.booking.horizonDays)
  const bookable = (date: string) =>
    !config.booking.closedDates.includes(date) && periods.some((period) => openWindow(date, period, shortestTreatment(config), config, earliest))
  let first = zonedDate(earliest, config.timeZone)
  while (first < last && !bookable(first)) first = addDays(first, 1)
  return { first, last }
}

/**
 * Why a preferred time cannot be offered, in words for the patient, or null
 * when it can: some start in the period's open part must leave the minimum
 * notice and the treatment's length before closing. Judged in the clinic's
 * time zone, so DST changes are respected.
 */
export function preferredTimeProblem(date: string, period: DayPeriod, treatment: Treatment, now: Date, config: PracticeConfig): string | null {
  if (!isCalendarDate(date)) return 'Enter a real date, for example 2027-03-14'
  if (config.booking.closedDates.includes(date)) return 'The clinic is closed on that date. Choose another day'
  const earliest = earliestStart(now, config)
  const tooSoon = `Choose a time at least ${config.booking.minimumNoticeHours} hours from now`
  if (date > addDays(zonedDate(now, config.timeZone), config.booking.horizonDays)) return `Choose a date within the next ${config.booking.horizonDays} days`
  if (date < zonedDate(earliest, config.timeZone)) return tooSoon
  const periodName = periodHours[period].label.toLowerCase()
  if (openParts(date, period, config).length === 0) return `The clinic is not open in the ${periodName} that day. Choose another day or time of day`
  if (!openWindow(date, period, treatment.durationMinutes, config)) {
    return `The clinic is not open long enough in the ${periodName} that day for a ${treatment.durationMinutes}-minute ${treatment.name}. Choose another day or time of day`
  }
  if (!openWindow(date, period, treatment.durationMinutes, config, earliest)) return tooSoon
  return null
}
