/**
 * The clinic's VTIMEZONE, computed from the runtime's own zone data (Intl)
 * rather than a bundled table: each change of offset in the years the events
 * span is one explicit observance, found by bisection, so the component is
 * exact for those years whatever the zone's rules are, and a zone without
 * daylight saving simply has one observance.
 */
import { zonedDate, zonedTime } from './time-zone'

const minute = 60_000
const day = 24 * 60 * minute
/** Sampling step while looking for a change; no zone changes its offset twice within a week. */
const step = 7 * day

interface Transition {
  at: number
  from: number
  to: number
}

/** Offset of the zone from UTC at that instant, in milliseconds (whole minutes, as every zone today). */
function offsetAt(instant: number, timeZone: string): number {
  const floored = Math.floor(instant / minute) * minute
  const date = zonedDate(new Date(floored), timeZone)
  const time = zonedTime(new Date(floored), timeZone)
  return Date.parse(`${date}T${time}:00Z`) - floored
}

/** The first minute at which the offset differs from the one at `before` (known to differ at `after`). */
function bisect(before: number, after: number, timeZone: string): number {
  const initial = offsetAt(before, timeZone)
  let lo = before
  let hi = after
  while (hi - lo > minute) {
    const mid = Math.floor((lo + hi) / 2 / minute) * minute
    if (offsetAt(mid, timeZone) === initial) lo = mid
    else hi = mid
  }
  return hi
}

const remembered = new Map<string, Transition[]>()

/** Every change of offset during one calendar year (UTC), remembered per isolate. */
function transitionsIn(year: number, timeZone: string): Transition[] {
  const key = `${timeZone} ${year}`
  const known = remembered.get(key)
  if (known) return known
  const transitions: Transition[] = []
  const end = Date.UTC(year + 1, 0, 1)
  for (let at = Date.UTC(year, 0, 1); at < end; at += step) {
    const next = Math.min(at + step, end)
    const from = offsetAt(at, timeZone)
    const to = offsetAt(next, timeZone)
    if (from !== to) transitions.push({ at: bisect(at, next, timeZone), from, to })
  }
  remembered.set(key, transitions)
  return transitions
}

/** `20270314T093000`: the wall-clock reading of a UTC-based millisecond count. */
const floating = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '')

/** `-0800`, `+0530`. */
function utcOffset(offset: number): string {
  const minutes = Math.abs(offset) / minute
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`
  return `${offset < 0 ? '-' : '+'}${hhmm}`
}

/**
 * The local date-time of an instant in the zone, as a DTSTART;TZID value.
 *
 * @example localDateTime(new Date('2027-03-15T16:30:00Z'), 'America/Los_Angeles') // '20270315T093000'
 */
export function localDateTime(instant: Date, timeZone: string): string {
  return floating(instant.getTime() + offsetAt(instant.getTime(), timeZone))
}

function observance(onset: string, from: number, to: number, standard: number): string[] {
  const kind = to > standard ? 'DAYLIGHT' : 'STANDARD'
  return [`BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${utcOffset(from)}`, `TZOFFSETTO:${utcOffset(to)}`, `END:${kind}`]
}

/**
 * The VTIMEZONE lines for the zone, covering every year the instants fall in
 * (in UTC, with the year before and after so a local time near New Year is
 * covered too). The offset in force at the start is given from 1970 on; each
 * later change is its own observance, its DTSTART the wall clock before it.
 *
 * @example vtimezoneLines('America/Los_Angeles', [start, end]) // ['BEGIN:VTIMEZONE', 'TZID:America/Los_Angeles', …]
 */
export function vtimezoneLines(timeZone: string, instants: readonly Date[]): string[] {
  const years = instants.map((instant) => instant.getUTCFullYear())
  const first = Math.min(...years) - 1
  const last = Math.max(...years) + 1
  const transitions: Transition[] = []
  for (let year = first; year <= last; year += 1) transitions.push(...transitionsIn(year, timeZone))
  const initial = offsetAt(Date.UTC(first, 0, 1), timeZone)
  // Intl tells offsets, not which is "standard": the smallest one in the span is taken as standard time.
  const standard = Math.min(initial, ...transitions.map((transition) => transition.to))
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance('19700101T000000', initial, initial, standard),
    ...transitions.flatMap((transition) => observance(floating(transition.at + transition.from), transition.from, transition.to, standard)),
    'END:VTIMEZONE',
  ]
}
