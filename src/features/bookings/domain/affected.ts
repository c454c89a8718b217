/**
 * Whether a confirmed appointment still fits the practice's week: a change of
 * opening hours or new time off can leave one outside them. Nothing moves by
 * itself; the inbox lists and flags these for the practitioner to move or cancel.
 */
import { weekdayOf, zonedDate, zonedTime } from '../../../platform/time-zone'
import type { AffectedReason, Week } from '../../settings'

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
