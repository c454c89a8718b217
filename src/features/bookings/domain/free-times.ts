import type { Weekday } from '../../../config'
import { addDays, weekdayOf, zonedDate, zonedInstant } from '../../../platform/time-zone'
import { type ClinicDay, clinicDays, minutesOf } from './clinic-days'

/** A stretch of time in epoch milliseconds: start included, end excluded. */
export interface Interval {
  start: number
  end: number
}

type StartStepMinutes = 15 | 30 | 60

export interface FreeTimesQuery {
  /** Each weekday's opening ranges, local "HH:MM", as the hours settings hold them. */
  weekly: Partial<Record<Weekday, readonly { opens: string; closes: string }[]>>
  /** Closed clinic dates: each entry from its first to its last date, both included. */
  timeOff: readonly { from: string; to: string }[]
  /** Appointments holding time: each is followed by the buffer and counts toward the cap. */
  appointments: readonly Interval[]
  /** Other held time (the practitioner's own calendar): held as it is, no buffer after it, not counted. */
  busy?: readonly Interval[]
  durationMinutes: number
  /** Minutes kept free after each appointment; default 0. */
  bufferMinutes?: number
  minimumNoticeHours: number
  horizonDays: number
  /** Starts are this far apart on the wall clock, from each range's opening; default 30. */
  stepMinutes?: StartStepMinutes
  /** At most this many appointments a clinic day; null or absent for no cap. */
  maxPerDay?: number | null
  timeZone: string
  now: Date
  /** The clinic dates asked for, both included. */
  from: string
  to: string
}

const minute = 60_000

/** Held time as sorted, disjoint intervals, so candidates can walk it once. */
function mergeHeld(appointments: readonly Interval[], busy: readonly Interval[], bufferMs: number): Interval[] {
  const held = [...appointments.map(({ start, end }) => ({ start, end: end + bufferMs })), ...busy.map(({ start, end }) => ({ start, end }))]
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const interval of held) {
    const last = merged.at(-1)
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end)
    else merged.push(interval)
  }
  return merged
}

/** The starts on one clinic day that fit an opening range, leave the notice and keep to the step, ascending. */
function dayCandidates(q: FreeTimesQuery, { date, instantOf }: ClinicDay, earliest: number): number[] {
  const lengthMs = q.durationMinutes * minute
  const step = q.stepMinutes ?? 30
  const starts: number[] = []
  for (const range of q.weekly[weekdayOf(date)] ?? []) {
    const opens = minutesOf(range.opens)
    const closes = minutesOf(range.closes)
    // A closing time the clocks skip is read as just after the jump, as zonedInstant reads it.
    const closesAt = instantOf(closes) ?? zonedInstant(date, range.closes, q.timeZone).getTime()
    for (let wall = opens; wall < closes; wall += step) {
      const start = instantOf(wall)
      if (start === null || start < earliest) continue
      if (start + lengthMs > closesAt) break
      starts.push(start)
    }
  }
  // Ranges may come in any order and overlap: sort, and keep a start reached from two ranges once.
  return starts.sort((a, b) => a - b).filter((start, index, sorted) => index === 0 || start !== sorted[index - 1])
}

/**
 * The free start instants (epoch ms, strictly ascending) of a treatment over
 * clinic dates `from`..`to`: the one answer every form, page and job that
 * offers a time asks. A start is free when all of these hold:
 *
 * - **Opening hours**: it lies on the step's grid, counted on the wall clock
 *   from the opening of one of its weekday's ranges (09:00, 09:30 …), and
 *   [start, start + length) lies inside that range.
 * - **Held time**: an appointment [s, e) holds [s, e + buffer); a busy block
 *   holds just itself; the new appointment holds [start, start + length +
 *   buffer), so its own buffer never runs into what follows. The buffer may
 *   run past closing.
 * - **Cap**: its clinic day holds fewer appointments (by start) than
 *   `maxPerDay`, when set; busy blocks do not count.
 * - **Notice**: start ≥ now + minimumNoticeHours (exactly at it is offered).
 * - **Horizon**: its clinic date is at most `horizonDays` after today's.
 * - **Time off**: its clinic date is in no entry.
 *
 * Daylight saving, all in the clinic's zone: a wall-clock start the clocks skip
 * is never offered; a repeated one is offered once; lengths, buffers and the
 * notice are real minutes (60 minutes from 01:30 on the fall-back night end at
 * the second 01:30).
 *
 * Held time is sorted once and walked with the ascending candidates, so the
 * cost grows with days, starts and held intervals, never with their product.
 *
 * @example
 * listFreeStarts({
 *   weekly: { Mo: [{ opens: '09:00', closes: '11:00' }] }, timeOff: [], appointments: [],
 *   durationMinutes: 60, minimumNoticeHours: 24, horizonDays: 60, timeZone: 'America/Los_Angeles',
 *   now: new Date('2027-03-08T12:00:00Z'), from: '2027-03-15', to: '2027-03-15',
 * }) // 09:00, 09:30 and 10:00 PDT: [Date.parse('2027-03-15T16:00:00Z'), …16:30Z, …17:00Z]
 */
export function listFreeStarts(q: FreeTimesQuery): number[] {
  const bufferMs = (q.bufferMinutes ?? 0) * minute
  const reachMs = q.durationMinutes * minute + bufferMs
  const held = mergeHeld(q.appointments, q.busy ?? [], bufferMs)
  const cap = q.maxPerDay ?? null
  const appointmentStarts = cap === null ? [] : q.appointments.map(({ start }) => start).sort((a, b) => a - b)
  const earliest = q.now.getTime() + q.minimumNoticeHours * 3_600_000
  const firstDate = [q.from, zonedDate(new Date(earliest), q.timeZone)].sort()[1]!
  const lastDate = [q.to, addDays(zonedDate(q.now, q.timeZone), q.horizonDays)].sort()[0]!

  const free: number[] = []
  let heldIndex = 0
  let countedIndex = 0
  for (const clinicDay of clinicDays(firstDate, lastDate, q.timeZone)) {
    const { date, start: midnight, end: nextMidnight } = clinicDay
    if (q.timeOff.some((entry) => entry.from <= date && date <= entry.to)) continue
    if (cap !== null) {
      while (countedIndex < appointmentStarts.length && appointmentStarts[countedIndex]! < midnight) countedIndex++
      let count = 0
      while (countedIndex + count < appointmentStarts.length && appointmentStarts[countedIndex + count]! < nextMidnight) count++
      if (count >= cap) continue
    }
    for (const start of dayCandidates(q, clinicDay, earliest)) {
      while (heldIndex < held.length && held[heldIndex]!.end <= start) heldIndex++
      if (heldIndex < held.length && held[heldIndex]!.start < start + reachMs) continue
      free.push(start)
    }
  }
  return free
}
