/** Calendar arithmetic in a named IANA time zone, DST-correct, with only Intl. */

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

function wallClock(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {}
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return parts
}

/** Offset of the zone from UTC at that instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = wallClock(instant, timeZone)
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000
}

/**
 * The instant a local wall-clock time occurs in the zone. A time skipped by a
 * DST jump maps to the instant after the jump, as clocks do.
 *
 * @example zonedInstant('2027-03-14', '09:00', 'America/Los_Angeles') // 16:00Z (PDT)
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const naive = Date.UTC(year, month - 1, day, hour, minute)
  const firstGuess = naive - offsetAt(new Date(naive), timeZone)
  const secondGuess = naive - offsetAt(new Date(firstGuess), timeZone)
  const p = wallClock(new Date(secondGuess), timeZone)
  if (p.hour === hour && p.minute === minute) return new Date(secondGuess)
  // The time does not exist that day (clocks jumped over it): the later reading is after the jump.
  return new Date(Math.max(firstGuess, secondGuess))
}

/** The calendar date (YYYY-MM-DD) in the zone at that instant. */
export function zonedDate(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/** Adds whole days to a calendar date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

const weekdays = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'] as const

/** The weekday of a calendar date, independent of any zone. */
export function weekdayOf(date: string): (typeof weekdays)[number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!
}

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const [year, month, day] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The wall-clock time ("HH:MM", 24-hour) in the zone at that instant. */
export function zonedTime(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone)
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

/** The hour (0-23) on the zone's wall clock at that instant. */
export const zonedHour = (instant: Date, timeZone: string): number => wallClock(instant, timeZone).hour!
