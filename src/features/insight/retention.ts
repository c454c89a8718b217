import type { Db } from '../../platform/database'
import { zonedDate } from '../../platform/time-zone'
import { purgeCountsBefore, rollUpFinishedDays } from './store/insight-counts'

/** How long daily counters are kept. */
export const keptMonths = 13

/**
 * The calendar date `months` before `day` (YYYY-MM-DD). A day past the end of
 * a shorter month (03-31 less one month, '02-31') is kept as text: it still
 * orders correctly against real dates, which is all a purge compares.
 *
 * @example monthsBefore('2027-01-15', 13) // '2025-12-15'
 */
export function monthsBefore(day: string, months: number): string {
  const [year, month] = day.split('-').map(Number) as [number, number]
  const index = year * 12 + (month - 1) - months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${day.slice(8)}`
}

/** The hourly insight job: finished days rolled up (their marks deleted), counters past 13 months purged. */
export async function tidyInsight(db: Db, now: Date, timeZone: string): Promise<void> {
  const today = zonedDate(now, timeZone)
  await rollUpFinishedDays(db, today)
  await purgeCountsBefore(db, monthsBefore(today, keptMonths))
}
