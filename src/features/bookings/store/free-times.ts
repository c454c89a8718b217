import { and, count, eq, gt, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { addDays, zonedInstant } from '../../../platform/time-zone'
import type { Settings } from '../../settings'
import { busyCalendarIsStale } from '../domain/busy-calendar'
import { type Interval, listFreeStarts } from '../domain/free-times'
import { holdsTimeSql } from './appointments'
import { listBusyBlocks } from './busy-calendar'
import { busyCalendarState, requests } from './schema'

export interface FreeTimesAsked {
  settings: Settings
  durationMinutes: number
  /** Clinic dates, both included. */
  from: string
  to: string
  now: Date
  /** A booking whose own time is not held against it (moving it). */
  excluding?: string
}

/**
 * The free starts (epoch ms, ascending) of a treatment over clinic dates
 * `from`..`to`, from what D1 holds now: confirmed appointments and the
 * practitioner's busy blocks, with the settings' hours, time off and
 * scheduling policies. The one reading behind the patient's week, the inbox's
 * forms, the week view and the waitlist.
 */
export async function loadFreeStarts(db: Db, asked: FreeTimesAsked): Promise<number[]> {
  const { settings } = asked
  // A day either side: an appointment's buffer, or a block from the evening before, can reach into the range.
  const from = zonedInstant(addDays(asked.from, -1), '00:00', settings.timeZone)
  const until = zonedInstant(addDays(asked.to, 2), '00:00', settings.timeZone)
  const [held, busy] = await Promise.all([
    db
      .select({ start: requests.confirmedStart, end: requests.confirmedEnd })
      .from(requests)
      .where(
        and(
          holdsTimeSql(),
          lt(requests.confirmedStart, until),
          gt(requests.confirmedEnd, from),
          asked.excluding ? ne(requests.id, asked.excluding) : undefined,
        ),
      ),
    listBusyBlocks(db, { from, until }),
  ])
  const toInterval = (row: { start: Date | null; end: Date | null }): Interval[] =>
    row.start && row.end ? [{ start: row.start.getTime(), end: row.end.getTime() }] : []
  return listFreeStarts({
    weekly: settings.weekly,
    timeOff: settings.timeOff,
    appointments: held.flatMap(toInterval),
    busy: busy.flatMap(toInterval),
    durationMinutes: asked.durationMinutes,
    bufferMinutes: settings.scheduling.bufferMinutes,
    minimumNoticeHours: settings.booking.minimumNoticeHours,
    horizonDays: settings.booking.horizonDays,
    stepMinutes: settings.scheduling.stepMinutes,
    maxPerDay: settings.scheduling.maxPerDay,
    timeZone: settings.timeZone,
    now: asked.now,
    from: asked.from,
    to: asked.to,
  })
}

/**
 * Whether the practitioner's own calendar has an address whose last good
 * read is over two hours old (or never happened): its busy blocks may then
 * miss what was added since, so direct booking gives way to requests. No
 * address means nothing to wait for.
 */
export async function busyCalendarOverdue(db: Db, now: Date): Promise<boolean> {
  const [state] = await db.select({ feedUrl: busyCalendarState.feedUrl, lastGoodReadAt: busyCalendarState.lastGoodReadAt }).from(busyCalendarState)
  if (!state?.feedUrl) return false
  return busyCalendarIsStale(state, now)
}

/** The confirmed direct and waitlist bookings of one email address (any case) still to come at `now`. */
export async function countUpcomingDirectBookings(db: Db, email: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(requests)
    .where(
      and(holdsTimeSql(), ne(requests.bookedVia, 'request'), eq(sql`lower(${requests.email})`, email.trim().toLowerCase()), gt(requests.confirmedStart, now)),
    )
  return row?.n ?? 0
}

/** The confirmed direct and waitlist bookings taken from one client (`clientKey`, a keyed hash of its address) still to come at `now`. */
export async function countUpcomingDirectBookingsByClient(db: Db, clientKey: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(requests)
    .where(and(holdsTimeSql(), ne(requests.bookedVia, 'request'), eq(requests.clientKey, clientKey), gt(requests.confirmedStart, now)))
  return row?.n ?? 0
}
