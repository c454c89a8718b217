import type { Weekday } from '../../../config'
import { weekdayOf, zonedDate, zonedTime } from '../../../platform/time-zone'
import type { AppointmentPolicy } from '../../settings'
import { periodHours } from './booking-window'
import { isQuiet } from './quiet-hours'
import type { DayPeriod } from './vocabulary'

/** A freed time is offered only once it has stayed free this long, so a quick undo sends nothing. */
export const settlingMs = 15 * 60_000

/** Offers one patient gets from the cron in 24 hours at most, earliest starts first: a freed day does not flood them. */
export const offersPerDay = 3

/** When a patient could come: clinic dates (both included), weekdays and parts of the day. */
export interface Wish {
  fromDate: string
  toDate: string
  days: readonly Weekday[]
  parts: readonly DayPeriod[]
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/**
 * Whether a start (epoch ms) fits the wish on the clinic's wall clock: its
 * date in the range, its weekday chosen, and its time of day within a chosen
 * part ([from, to) of `periodHours`).
 */
export function matchesWish(start: number, wish: Wish, timeZone: string): boolean {
  const instant = new Date(start)
  const date = zonedDate(instant, timeZone)
  if (date < wish.fromDate || date > wish.toDate || !wish.days.includes(weekdayOf(date))) return false
  const clock = minutesOf(zonedTime(instant, timeZone))
  return wish.parts.some((part) => clock >= minutesOf(periodHours[part].from) && clock < minutesOf(periodHours[part].to))
}

/** The part of the day a start falls in on the clinic's wall clock. */
export function periodOf(start: number, timeZone: string): DayPeriod {
  const clock = minutesOf(zonedTime(new Date(start), timeZone))
  const parts = Object.keys(periodHours) as DayPeriod[]
  return parts.find((part) => clock >= minutesOf(periodHours[part].from) && clock < minutesOf(periodHours[part].to)) ?? 'evening'
}

/** One recorded start of an entry, as the run sees it. */
interface OfferSeen {
  start: number
  sendAfter: number
  sentAt: number | null
  byHand: boolean
}

export interface WaitlistRunAsked {
  now: number
  wish: Wish
  timeZone: string
  /** The treatment's free starts over the wish's range now (loadFreeStarts). */
  freeStarts: readonly number[]
  /** Matching starts already free and known, which are no news. */
  knownFree: readonly number[]
  offers: readonly OfferSeen[]
  quietHours: AppointmentPolicy['quietHours']
  /** Offers the cron sent this entry in the last 24 hours. */
  sentLastDay: number
}

export interface WaitlistRunPlan {
  /** The known free starts still free: one taken meanwhile is news again once freed. */
  knownFree: number[]
  /** Matching starts first seen free now: recorded, to be sent once settled. */
  record: number[]
  /** Recorded starts, not yet sent, that are no longer free (an undo): forgotten. */
  withdraw: number[]
  /** Recorded starts to send now: settled, still free, outside the quiet hours, within the day's allowance. */
  send: number[]
}

/**
 * What one five-minute run does for one waitlist entry. A matching start that
 * was not free before (and is not known from when the patient joined) is
 * recorded when first seen, and offered once it has stayed free for
 * `settlingMs`; one that stops being free before that is forgotten, so a
 * cancellation undone within minutes sends nothing. Never inside the quiet
 * hours; each entry and start at most once (the caller's records); offers by
 * hand skip the settling and the daily allowance.
 */
export function planWaitlistRun(asked: WaitlistRunAsked): WaitlistRunPlan {
  const free = new Set(asked.freeStarts.filter((start) => start > asked.now))
  const matching = [...free].filter((start) => matchesWish(start, asked.wish, asked.timeZone)).sort((a, b) => a - b)
  const knownFree = asked.knownFree.filter((start) => free.has(start))
  const known = new Set(knownFree)
  const recorded = new Set(asked.offers.map((offer) => offer.start))
  const pending = asked.offers.filter((offer) => offer.sentAt === null)
  const withdraw = pending.filter((offer) => !free.has(offer.start)).map((offer) => offer.start)
  const record = matching.filter((start) => !known.has(start) && !recorded.has(start))
  if (isQuiet(new Date(asked.now), asked.quietHours, asked.timeZone)) return { knownFree, record, withdraw, send: [] }
  const due = pending.filter((offer) => free.has(offer.start) && offer.sendAfter <= asked.now).sort((a, b) => a.start - b.start)
  const allowance = Math.max(0, offersPerDay - asked.sentLastDay)
  const settled = due.filter((offer) => !offer.byHand).slice(0, allowance)
  const send = [...due.filter((offer) => offer.byHand), ...settled].map((offer) => offer.start).sort((a, b) => a - b)
  return { knownFree, record, withdraw, send }
}
