/**
 * Whether a confirmed appointment still fits the practice's week: a change of
 * opening hours or new time off can leave one outside them. Nothing moves by
 * itself; the inbox lists and flags these for the practitioner to move or cancel.
 */
import { weekdayOf, zonedDate, zonedTime } from '../lib/time-zone'
import type { Settings } from './sections'

export type AffectedReason = 'inside time off' | 'outside the opening hours'

/**
 * The reason an appointment from `start` to `end` no longer fits, or null when it does.
 *
 * @example findAffectedReason(start, end, currentSettings()) // 'inside time off'
 */
export function findAffectedReason(start: Date, end: Date, settings: Pick<Settings, 'timeZone' | 'weekly' | 'timeOff'>): AffectedReason | null {
  const date = zonedDate(start, settings.timeZone)
  if (settings.timeOff.some((entry) => entry.from <= date && date <= entry.to)) return 'inside time off'
  // An appointment past midnight cannot sit inside one day's range.
  if (zonedDate(new Date(end.getTime() - 1), settings.timeZone) !== date) return 'outside the opening hours'
  const starts = zonedTime(start, settings.timeZone)
  const ends = zonedTime(end, settings.timeZone)
  const fits = (settings.weekly[weekdayOf(date)] ?? []).some((range) => range.opens <= starts && ends <= range.closes)
  return fits ? null : 'outside the opening hours'
}
