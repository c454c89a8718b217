import { defaultPractice } from '../../src/config'
import { addDays, weekdayOf, zonedDate } from '../../src/platform/time-zone'

/**
 * A weekday at least `daysAhead` days from today in the clinic's zone, open in
 * the morning under the default config and not a closed date. Pure, so the
 * browser tests (Node) and the workerd tests share it.
 */
export function openWeekday(daysAhead = 7): string {
  let date = addDays(zonedDate(new Date(), defaultPractice.timeZone), daysAhead)
  while (['Sa', 'Su'].includes(weekdayOf(date)) || defaultPractice.booking.closedDates.includes(date)) date = addDays(date, 1)
  return date
}
