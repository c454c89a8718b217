/**
 * Whether a confirmed appointment still fits the practice's week: a change of
 * opening hours or new time off can leave one outside them. Nothing moves by
 * itself; the inbox lists and flags these for the practitioner to move or cancel.
 */
import type { Db } from '../../platform/database'
import { weekdayOf, zonedDate, zonedTime } from '../../platform/time-zone'
import { type Settings, sectionSchemas } from './sections'
import { listAppointmentsSetAt, listWeekChangesSince } from './store/settings'

export type AffectedReason = 'inside time off' | 'outside the opening hours'

type Week = Pick<Settings, 'timeZone' | 'weekly' | 'timeOff'>

function findReasons(start: Date, end: Date, settings: Week): AffectedReason[] {
  const date = zonedDate(start, settings.timeZone)
  const reasons: AffectedReason[] = []
  if (settings.timeOff.some((entry) => entry.from <= date && date <= entry.to)) reasons.push('inside time off')
  const starts = zonedTime(start, settings.timeZone)
  const ends = zonedTime(end, settings.timeZone)
  // An appointment past midnight cannot sit inside one day's range.
  const sameDay = zonedDate(new Date(end.getTime() - 1), settings.timeZone) === date
  if (!sameDay || !(settings.weekly[weekdayOf(date)] ?? []).some((range) => range.opens <= starts && ends <= range.closes))
    reasons.push('outside the opening hours')
  return reasons
}

/**
 * The reason an appointment from `start` to `end` does not fit, or null when it does.
 *
 * @example findAffectedReason(start, end, currentSettings()) // 'inside time off'
 */
export const findAffectedReason = (start: Date, end: Date, settings: Week): AffectedReason | null => findReasons(start, end, settings)[0] ?? null

/**
 * The reason a change made since `then` left the appointment outside the week
 * `now`, or null: one already outside when its time was set (a deliberate
 * choice, such as an evening visit) is not flagged again by a later change.
 */
export function findChangedReason(start: Date, end: Date, now: Week, then: Week): AffectedReason | null {
  const before = findReasons(start, end, then)
  return findReasons(start, end, now).find((reason) => !before.includes(reason)) ?? null
}

/**
 * Of `appointments`, those a change of the hours or time off made since their
 * last appointment event (confirmed, moved…) left outside the week, by id. The
 * week as it stood then is each later change's value before it; an appointment
 * with no event is judged against the week as it stands.
 */
export async function listAffected(
  db: Db,
  appointments: readonly { id: string; start: Date; end: Date }[],
  settings: Settings,
): Promise<Record<string, AffectedReason>> {
  if (appointments.length === 0) return {}
  const setAt = await listAppointmentsSetAt(db, new Date(Math.min(...appointments.map((appointment) => appointment.start.getTime()))))
  const earliest = Math.min(...appointments.map((appointment) => setAt.get(appointment.id) ?? Number.POSITIVE_INFINITY))
  const changes = Number.isFinite(earliest) ? await listWeekChangesSince(db, new Date(earliest)) : []
  const weekAt = (at: number): Week => {
    const next = (section: 'hours' | 'time-off') => changes.find((change) => change.section === section && change.createdAt.getTime() > at)
    const hours = sectionSchemas.hours.safeParse(next('hours')?.before)
    const timeOff = sectionSchemas['time-off'].safeParse(next('time-off')?.before)
    return {
      timeZone: settings.timeZone,
      weekly: hours.success ? hours.data.weekly : settings.weekly,
      timeOff: timeOff.success ? timeOff.data.entries : settings.timeOff,
    }
  }
  return Object.fromEntries(
    appointments.flatMap((appointment) => {
      const then = setAt.get(appointment.id)
      const reason =
        then === undefined
          ? findAffectedReason(appointment.start, appointment.end, settings)
          : findChangedReason(appointment.start, appointment.end, settings, weekAt(then))
      return reason ? [[appointment.id, reason]] : []
    }),
  )
}
