/**
 * The week as people read it: consecutive days with the same ranges on one
 * line, each time on the clinic's clock (9:00 AM in en-US, 09:00 in en-GB).
 */
import { fullDayName, type Weekday } from '../../config'
import { dateTimeFormat } from '../../platform/intl-formats'
import { type OpeningRange, type SectionValues, weekdays } from './sections'

/** One line of the week: its days, and every range they share, in order. */
export interface WeekLine {
  days: Weekday[]
  ranges: OpeningRange[]
}

const byOpening = (ranges: readonly OpeningRange[]) => [...ranges].sort((a, b) => a.opens.localeCompare(b.opens))
const sameRanges = (a: readonly OpeningRange[], b: readonly OpeningRange[]) =>
  a.length === b.length && a.every((range, index) => range.opens === b[index]!.opens && range.closes === b[index]!.closes)

/**
 * Runs of consecutive open days with identical ranges, Monday first; closed days start a new run.
 *
 * @example groupWeek({ Mo: [nine to six], Tu: [nine to six], We: [] }) // [{ days: ['Mo', 'Tu'], ranges: [nine to six] }]
 */
export function groupWeek(weekly: SectionValues['hours']['weekly']): WeekLine[] {
  const lines: WeekLine[] = []
  let previous: WeekLine | undefined
  for (const day of weekdays) {
    const ranges = byOpening(weekly[day] ?? [])
    if (ranges.length === 0) previous = undefined
    else if (previous && sameRanges(previous.ranges, ranges)) previous.days.push(day)
    else {
      previous = { days: [day], ranges }
      lines.push(previous)
    }
  }
  return lines
}

/** "Monday", "Monday and Tuesday", "Monday to Friday". */
export function describeDays(days: readonly Weekday[]): string {
  const names = days.map(fullDayName)
  if (names.length <= 1) return names[0] ?? ''
  return names.length === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} to ${names.at(-1)}`
}

/** A clock time ("14:00") as the clinic's locale writes it ("2:00 PM" in en-US); a time of day, so no zone applies. */
export function formatClock(clock: string, locale: string): string {
  const [hour, minute] = clock.split(':').map(Number) as [number, number]
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, hour, minute))
}

/** A day's ranges in words ("9:00 AM to 12:00 PM, 2:00 PM to 7:00 PM"), or "closed". */
export const describeRanges = (ranges: readonly OpeningRange[], locale: string): string =>
  ranges.length === 0
    ? 'closed'
    : byOpening(ranges)
        .map((range) => `${formatClock(range.opens, locale)} to ${formatClock(range.closes, locale)}`)
        .join(', ')
