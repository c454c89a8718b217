import { formatPreferredTime } from '../../../platform/dates'
import { zonedDate, zonedTime } from '../../../platform/time-zone'
import type { PreferredTimeRow } from '../store/schema'
import { periodHours } from './booking-window'

/** A start as a form offers it: the instant, and the value posted for it (its clinic date and wall-clock time, "2046-03-05T09:30"). */
export interface OfferedStart {
  start: Date
  slot: string
}

/**
 * One of the patient's preferred times as the confirm form offers it: an exact
 * start the patient picked, and whether it is still free; or a period, with
 * the free starts in it.
 */
export type ConfirmOffer = (OfferedStart & { kind: 'exact'; free: boolean }) | { kind: 'period'; date: string; label: string; starts: readonly OfferedStart[] }

/** A start (epoch ms or instant) with the value a form posts for it. */
export const offeredStart = (start: number | Date, timeZone: string): OfferedStart => {
  const instant = new Date(start)
  return { start: instant, slot: `${zonedDate(instant, timeZone)}T${zonedTime(instant, timeZone)}` }
}

/**
 * For each of the patient's `times`, what the practitioner can confirm, from
 * the `free` starts (epoch ms, from the free-times reading over their dates):
 * an exact start is offered while it is free; a period offers the free starts
 * whose wall-clock time lies in it.
 */
export const listConfirmOffers = (input: { times: readonly PreferredTimeRow[]; free: readonly number[]; timeZone: string }): ConfirmOffer[] => {
  const free = new Set(input.free)
  return input.times.map((time) => {
    if (time.start) return { kind: 'exact', ...offeredStart(time.start, input.timeZone), free: free.has(time.start.getTime()) }
    const { from, to } = periodHours[time.period]
    const starts = input.free
      .map((start) => offeredStart(start, input.timeZone))
      .filter(({ slot }) => slot.slice(0, 10) === time.date && from <= slot.slice(11) && slot.slice(11) < to)
    return { kind: 'period', date: time.date, label: formatPreferredTime(time.date, periodHours[time.period].label.toLowerCase()), starts }
  })
}

/** Whether a posted slot ("2046-03-05T09:30") is one of the starts `offers` still offers. */
export const isOffered = (slot: string, offers: readonly ConfirmOffer[]): boolean =>
  offers.some((offer) => (offer.kind === 'exact' ? offer.free && offer.slot === slot : offer.starts.some((start) => start.slot === slot)))
