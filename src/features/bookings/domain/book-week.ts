import { addDays, isCalendarDate, weekdayOf, zonedDate, zonedInstant, zonedTime } from '../../../platform/time-zone'
import { type FreeTimesQuery, listFreeStarts } from './free-times'
import type { DayPeriod } from './vocabulary'

/** A week on the patient's page: the clinic dates Monday to Sunday. */
export const daysInWeek = 7

const weekdayIndex = { Mo: 0, Tu: 1, We: 2, Th: 3, Fr: 4, Sa: 5, Su: 6 } as const

/** The Monday of the week a clinic date falls in, so every date of a week links to the same page. */
export const weekOf = (date: string): string => addDays(date, -weekdayIndex[weekdayOf(date)])

/** `week` from the address: a real calendar date, made the Monday of its week; undefined when malformed. */
export const readWeek = (value: string): string | undefined => (isCalendarDate(value) ? weekOf(value) : undefined)

/** One day of a week with its free starts (epoch ms, ascending); days without any are left out. */
export interface FreeDay {
  date: string
  starts: number[]
}

/** Free starts grouped by their clinic date, in order. */
export function groupByDay(starts: readonly number[], timeZone: string): FreeDay[] {
  const days: FreeDay[] = []
  for (const start of starts) {
    const date = zonedDate(new Date(start), timeZone)
    const last = days.at(-1)
    if (last?.date === date) last.starts.push(start)
    else days.push({ date, starts: [start] })
  }
  return days
}

/** The most exact starts a patient may pick when their booking is a request. */
export const maxExactStarts = 3

/** A start as the form sends it (epoch ms, a whole minute), or undefined when it is no such number. */
export function readStart(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) return undefined
  const start = Number(text)
  return start % 60_000 === 0 ? start : undefined
}

/**
 * Whether a start is one the week pages can offer at all: on the step's grid
 * inside the opening hours of its clinic day, whatever holds time, the notice
 * or time off (those make it taken, not malformed).
 */
export function isOnGrid(start: number, q: Pick<FreeTimesQuery, 'weekly' | 'durationMinutes' | 'stepMinutes' | 'timeZone'>): boolean {
  const date = zonedDate(new Date(start), q.timeZone)
  const dayBefore = zonedInstant(addDays(date, -1), '00:00', q.timeZone)
  const grid = listFreeStarts({ ...q, timeOff: [], appointments: [], minimumNoticeHours: 0, horizonDays: 2, now: dayBefore, from: date, to: date })
  return grid.includes(start)
}

/** The period of the day a start falls in, as the request's preferred times record it. */
export function periodOf(start: number, timeZone: string): DayPeriod {
  const hour = Number(zonedTime(new Date(start), timeZone).slice(0, 2))
  if (hour < 12) return 'morning'
  return hour < 17 ? 'afternoon' : 'evening'
}
