import type { Db } from '../../../platform/database'
import { addDays, zonedDate } from '../../../platform/time-zone'
import type { Settings } from '../../settings'
import { type ConfirmOffer, listConfirmOffers } from '../domain/confirm-offers'
import { type FreeTimesAsked, loadFreeStarts } from './free-times'
import type { PreferredTimeRow } from './schema'

/** Two years of days: the practitioner may set a time as far ahead as isBeyondHorizon allows. */
const practitionerHorizonDays = 730

/**
 * The free starts the inbox offers the practitioner: the one free-times
 * reading, with hours, time off, held time, buffer, step and daily cap as the
 * patients have them, but without the patients' minimum notice and horizon
 * (the practitioner agrees any time still to come, up to two years ahead).
 */
export const loadPractitionerFreeStarts = (db: Db, asked: FreeTimesAsked): Promise<number[]> =>
  loadFreeStarts(db, {
    ...asked,
    settings: { ...asked.settings, booking: { ...asked.settings.booking, minimumNoticeHours: 0, horizonDays: practitionerHorizonDays } },
  })

/**
 * The confirm form's offers for a request's preferred `times`: each exact
 * start with whether it is still free, each period with its free starts, all
 * from one reading over the preferred dates.
 */
export async function loadConfirmOffers(
  db: Db,
  input: { times: readonly PreferredTimeRow[]; minutes: number; settings: Settings; now: Date },
): Promise<ConfirmOffer[]> {
  const dates = input.times.map((time) => time.date).sort()
  const [from, to] = [dates[0], dates.at(-1)]
  if (from === undefined || to === undefined) return []
  const free = await loadPractitionerFreeStarts(db, { settings: input.settings, durationMinutes: input.minutes, from, to, now: input.now })
  return listConfirmOffers({ times: input.times, free, timeZone: input.settings.timeZone })
}

/** The free starts the Propose and Move forms offer: seven clinic days from `from`, and the dates to page to. */
export interface OfferedStarts {
  from: string
  to: string
  /** Today in the clinic: no earlier page is offered. */
  today: string
  starts: readonly number[]
}

/**
 * The free starts of a booking's treatment (`minutes`) over the seven clinic
 * days from `from` (today when absent), its own time not held against it.
 */
export async function loadOfferedStarts(
  db: Db,
  input: { settings: Settings; minutes: number; from: string | undefined; now: Date; excluding: string },
): Promise<OfferedStarts> {
  const today = zonedDate(input.now, input.settings.timeZone)
  const from = input.from ?? today
  const to = addDays(from, 6)
  const starts = await loadPractitionerFreeStarts(db, {
    settings: input.settings,
    durationMinutes: input.minutes,
    from,
    to,
    now: input.now,
    excluding: input.excluding,
  })
  return { from, to, today, starts }
}
