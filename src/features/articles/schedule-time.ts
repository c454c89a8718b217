import { isCalendarDate, zonedInstant } from '../../platform/time-zone'

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * The instant a schedule entered as a date and a wall-clock time in the zone
 * stands for, or why it cannot be used: malformed, or not in the future. A
 * time a daylight-saving jump skips maps to the instant after the jump.
 *
 * @example readScheduleTime({ date: '2027-03-14', time: '09:00' }, now, 'America/Los_Angeles') // { instant: 16:00Z }
 */
export function readScheduleTime(input: { date: string; time: string }, now: Date, timeZone: string): { instant: Date } | { error: string } {
  if (!isCalendarDate(input.date) || !clockTime.test(input.time)) {
    return { error: 'Enter a real date (YYYY-MM-DD) and a time (HH:MM, 24-hour) for the article to go live.' }
  }
  const instant = zonedInstant(input.date, input.time, timeZone)
  if (instant <= now) return { error: 'That time has already passed. Choose a time in the future, or publish now.' }
  return { instant }
}
