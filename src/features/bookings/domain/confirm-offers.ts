import type { PracticeConfig } from '../../../config'
import { formatPreferredTime } from '../../../platform/dates'
import { zonedInstant } from '../../../platform/time-zone'
import type { TimeRange } from '../store/appointment-queries'
import type { PreferredTimeRow } from '../store/schema'
import { listConfirmableStarts, openWindow, periodHours } from './booking-window'

/** Whether [start, start + minutes) is clear of every time in `held` (touching ends do not overlap). */
const isFree = (start: Date, minutes: number, held: readonly TimeRange[]): boolean =>
  held.every((time) => time.end.getTime() <= start.getTime() || time.start.getTime() >= start.getTime() + minutes * 60_000)

/** One of the patient's preferred times as the confirm form offers it: its open window, and the starts still free in it. */
export interface ConfirmOffer {
  date: string
  label: string
  window: { opens: string; closes: string } | null
  starts: readonly string[]
}

/**
 * For each of the patient's `times`, the starts that are still ahead at `now`,
 * leave the treatment's `minutes` before closing, and are clear of the times
 * other appointments `held`.
 */
export const listConfirmOffers = (input: {
  times: readonly PreferredTimeRow[]
  minutes: number
  now: Date
  held: readonly TimeRange[]
  config: PracticeConfig
}): ConfirmOffer[] =>
  input.times.map((time) => ({
    date: time.date,
    label: formatPreferredTime(time.date, periodHours[time.period].label.toLowerCase()),
    window: openWindow(time.date, time.period, input.minutes, input.config),
    starts: listConfirmableStarts(time.date, time.period, input.minutes, input.now, input.config).filter((start) =>
      isFree(zonedInstant(time.date, start, input.config.timeZone), input.minutes, input.held),
    ),
  }))
