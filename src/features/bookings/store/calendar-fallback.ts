import type { Db } from '../../../platform/database'
import type { CalendarFallback } from '../../../ui/CalendarFallbackNotice'
import { busyCalendarIsStale } from '../domain/busy-calendar'
import { findBusyCalendarState } from './busy-calendar'

/**
 * Why direct booking now falls back to requests by itself, or undefined while
 * it does not: the same rule as `busyCalendarOverdue`, with the last good read
 * and the last error that explain it.
 */
export async function findCalendarFallback(db: Db, now: Date): Promise<CalendarFallback | undefined> {
  const state = await findBusyCalendarState(db)
  if (!state?.feedUrl || !busyCalendarIsStale(state, now)) return undefined
  return { lastGoodReadAt: state.lastGoodReadAt, lastError: state.lastError }
}
