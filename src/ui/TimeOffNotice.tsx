import type { TimeOff } from '../features/settings'
import { dateTimeFormat } from '../platform/intl-formats'

/** Entries still to come or under way on `today` (a clinic calendar date): a past one drops off by itself. */
export const comingTimeOff = (timeOff: readonly TimeOff[], today: string): TimeOff[] =>
  timeOff.filter((entry) => entry.to >= today).sort((a, b) => a.from.localeCompare(b.from))

/** "Closed December 24 to January 2: conference" in the clinic's locale; calendar dates, so UTC avoids a day shift. */
export function describeTimeOff(entry: TimeOff, locale: string): string {
  const dayMonth = dateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' })
  const day = (date: string) => dayMonth.format(new Date(`${date}T00:00:00Z`))
  const dates = entry.from === entry.to ? day(entry.from) : `${day(entry.from)} to ${day(entry.to)}`
  return `Closed ${dates}${entry.note ? `: ${entry.note}` : ''}`
}

/** The clinic's coming time off, or nothing when none is planned. */
export const TimeOffNotice = ({ timeOff, today, locale }: { timeOff: readonly TimeOff[]; today: string; locale: string }) => {
  const coming = comingTimeOff(timeOff, today)
  if (coming.length === 0) return null
  return (
    <ul class="time-off" aria-label="Time off">
      {coming.map((entry) => (
        <li>{describeTimeOff(entry, locale)}</li>
      ))}
    </ul>
  )
}
