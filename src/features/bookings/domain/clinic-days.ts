import { addDays, zonedInstant, zonedTime } from '../../../platform/time-zone'

const minute = 60_000
const day = 24 * 60 * minute

/** Minutes since midnight of a local "HH:MM". */
export const minutesOf = (time: string): number => {
  const [hour, minutes] = time.split(':').map(Number) as [number, number]
  return hour * 60 + minutes
}
const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`

/** A clinic date, the instants it starts and ends, and the instant of each of its wall-clock minutes. */
export interface ClinicDay {
  date: string
  start: number
  end: number
  /** The instant the wall clock reads that minute, or null for a minute the clocks skip. */
  instantOf(minutes: number): number | null
}

/**
 * The next date's midnight: 24 hours on, when the wall clock then reads 00:00
 * (one question to the zone instead of zonedInstant's three), else as the zone
 * says. Offsets never change by a whole day, so reading 00:00 means the date
 * is the next one.
 */
const midnightAfter = (midnight: number, nextDate: string, timeZone: string) =>
  zonedTime(new Date(midnight + day), timeZone) === '00:00' ? midnight + day : zonedInstant(nextDate, '00:00', timeZone).getTime()

/**
 * A day of exactly 24 hours has one offset throughout, so its minutes are plain
 * arithmetic from midnight; only the daylight-saving days ask the zone for each
 * minute. There a repeated time maps to one instant (zonedInstant's reading),
 * so it is offered once.
 */
function instantsOf(date: string, start: number, end: number, timeZone: string): ClinicDay['instantOf'] {
  if (end - start === day) return (minutes) => start + minutes * minute
  return (minutes) => {
    const instant = zonedInstant(date, clock(minutes), timeZone)
    return zonedTime(instant, timeZone) === clock(minutes) ? instant.getTime() : null
  }
}

/** The clinic dates `from`..`to` (both included) in the zone, in order; one question to the zone a day, except on clock changes. */
export function* clinicDays(from: string, to: string, timeZone: string): Generator<ClinicDay> {
  let end = zonedInstant(from, '00:00', timeZone).getTime()
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const start = end
    end = midnightAfter(start, addDays(date, 1), timeZone)
    yield { date, start, end, instantOf: instantsOf(date, start, end, timeZone) }
  }
}
