import type { Db } from '../../../platform/database'
import { clinicZoneName } from '../../../platform/dates'
import { addDays, zonedDate } from '../../../platform/time-zone'
import { currentSettings } from '../../settings'
import { daysInWeek, groupByDay, weekOf } from '../domain/book-week'
import type { FieldErrors } from '../domain/form-fields'
import { loadFreeStarts } from '../store/free-times'
import type { WeekPageProps } from '../views/book/WeekPage'
import type { Treatment } from './book-take'

export interface WeekAsked {
  treatment: Treatment
  /** The Monday to show; undefined for the first week with a free time. */
  week: string | undefined
  now: Date
  errors?: FieldErrors
  notice?: string
  /** The article the patient came from. */
  source?: string
  form: WeekPageProps['form']
}

/**
 * A week of the treatment's free starts, read from D1 now, with the weeks
 * either side that still reach into today..horizon. Without a week, the first
 * week with a free time; none in the horizon leaves `week` undefined.
 */
export async function loadWeek(db: Db, asked: WeekAsked, overdue: boolean): Promise<WeekPageProps> {
  const settings = currentSettings()
  const { treatment, now } = asked
  const today = zonedDate(now, settings.timeZone)
  const lastDay = addDays(today, settings.booking.horizonDays)
  const read = (from: string, to: string) => loadFreeStarts(db, { settings, durationMinutes: treatment.durationMinutes, from, to, now })
  let week = asked.week
  let starts: number[]
  if (week === undefined) {
    // Week by week from this one: the first weeks most often have a free time, and one week's reading costs far less than the horizon's.
    starts = []
    for (let candidate = weekOf(today); candidate <= lastDay && starts.length === 0; candidate = addDays(candidate, daysInWeek)) {
      starts = await read(candidate, addDays(candidate, daysInWeek - 1))
      if (starts.length > 0) week = candidate
    }
  } else {
    starts = await read(week, addDays(week, daysInWeek - 1))
  }
  const prev = week === undefined ? undefined : addDays(week, -daysInWeek)
  const next = week === undefined ? undefined : addDays(week, daysInWeek)
  return {
    settings,
    treatment,
    week,
    days: groupByDay(starts, settings.timeZone),
    several: treatment.bookingMode === 'request' || overdue,
    prev: prev !== undefined && addDays(prev, daysInWeek - 1) >= today ? prev : undefined,
    next: next !== undefined && next <= lastDay ? next : undefined,
    zoneName: clinicZoneName(),
    errors: asked.errors,
    notice: asked.notice,
    source: asked.source,
    form: asked.form,
  }
}
