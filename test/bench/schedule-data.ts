import { defaultPractice } from '../../src/config.ts'
import { addDays, weekdayOf, zonedDate, zonedInstant } from '../../src/platform/time-zone.ts'

/** The bench's scheduling load: free times of one treatment over this many days, around this many held times. */
export const schedule = { days: 60, appointments: 200, busyBlocks: 500, stepMinutes: 15 as const, durationMinutes: 60 }

export interface Held {
  start: number
  end: number
}

const minute = 60_000

/**
 * The clinic's next `schedule.days` dates from tomorrow, `schedule.appointments`
 * one-hour appointments on the open weekdays (several a day, spread over the
 * morning and afternoon) and `schedule.busyBlocks` half-hour busy blocks from
 * the practitioner's own calendar spread over every day, some outside the
 * opening hours, some overlapping appointments: made the same way every run.
 */
export function buildSchedule(now: Date): { from: string; to: string; appointments: Held[]; busy: Held[] } {
  const { timeZone } = defaultPractice
  const from = addDays(zonedDate(now, timeZone), 1)
  const dates = Array.from({ length: schedule.days }, (_, index) => addDays(from, index))
  const open = dates.filter((date) => !['Sa', 'Su'].includes(weekdayOf(date)))
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  const appointments = Array.from({ length: schedule.appointments }, (_, index) => {
    const date = open[index % open.length] ?? from
    // 09:00, 10:30, 12:00, 13:30, 15:00, 16:30 on each open day, in turn.
    const start = zonedInstant(date, clock(9 * 60 + (Math.floor(index / open.length) % 6) * 90), timeZone).getTime()
    return { start, end: start + schedule.durationMinutes * minute }
  })
  const busy = Array.from({ length: schedule.busyBlocks }, (_, index) => {
    const date = dates[index % dates.length] ?? from
    const start = zonedInstant(date, clock(7 * 60 + ((index * 37) % 26) * 30), timeZone).getTime()
    return { start, end: start + 30 * minute }
  })
  return { from, to: dates.at(-1) ?? from, appointments, busy }
}
