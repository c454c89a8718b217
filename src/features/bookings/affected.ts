import type { Db } from '../../platform/database'
import { zonedDate } from '../../platform/time-zone'
import { type AffectedAppointment, type AffectedReason, loadWeekHistory, type Settings } from '../settings'
import { findAffectedReason, findChangedReason } from './domain/affected'
import { listAppointmentsSetAt } from './store/appointment-events'
import { listAgenda } from './store/appointment-queries'

/** Far enough ahead to hold any appointment a booking horizon allows. */
const affectedDays = 2 * 366

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
  const weekAt = await loadWeekHistory(db, Number.isFinite(earliest) ? new Date(earliest) : undefined, settings)
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

/** Every confirmed appointment still ahead that a change of the week left outside it, soonest first (the settings' overview lists them). */
export async function listAffectedAppointments(db: Db, settings: Settings, now: Date): Promise<AffectedAppointment[]> {
  const upcoming = await listAgenda(db, { from: zonedDate(now, settings.timeZone), days: affectedDays, timeZone: settings.timeZone })
  const coming = upcoming.filter((entry) => entry.start >= now)
  const reasons = await listAffected(db, coming, settings)
  return coming.flatMap((entry) => {
    const reason = reasons[entry.id]
    return reason ? [{ id: entry.id, reference: entry.reference, start: entry.start, reason }] : []
  })
}
