import { defaultPractice } from '../config'
import { dateTimeFormat } from './intl-formats'

// The locale and the zone are the deployment's, not settings the inbox changes, so the starting
// values are the current ones and lib need not reach up to src/features/settings.
const { locale, timeZone } = defaultPractice

// Built on first use and kept (toLocaleString() with options sets up a new formatter on every
// call); never at the module's top level, where the first formatter's locale data would be loaded by
// every new isolate, even one that only answers pages from a cache.
const calendarDate = () => dateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
const dayDate = () => dateTimeFormat(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
const clinicTime = () => dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
const clinicClock = () => dateTimeFormat(locale, { timeStyle: 'short', timeZone })

/** "November 1, 2026" for "2026-11-01"; dates are calendar dates, so UTC avoids a day shift. */
export const formatDate = (isoDate: string): string => calendarDate().format(new Date(`${isoDate}T00:00:00Z`))

/** "Nov 26, 2026, 9:05 AM" on the clinic's wall clock, for times the practitioner reads. */
export const formatInstant = (instant: Date): string => clinicTime().format(instant)

/** "9:05 AM" on the clinic's wall clock: a time whose day is shown beside it. */
export const formatClock = (instant: Date): string => clinicClock().format(instant)

/** "Wednesday, December 2, 2026" for "2026-12-02". */
export const formatDay = (isoDate: string): string => dayDate().format(new Date(`${isoDate}T00:00:00Z`))

/** "Wednesday, December 2, 2026, morning"; preferred dates are calendar dates in the clinic's zone. */
export const formatPreferredTime = (date: string, period: string): string => `${dayDate().format(new Date(`${date}T00:00:00Z`))}, ${period}`

/**
 * A zone in words ("Pacific Time"), never its identifier: the generic name,
 * which holds all year on either side of a change of clock.
 */
export const zoneInWords = (zone: string, inLocale: string): string =>
  dateTimeFormat(inLocale, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date(0))
    .find((part) => part.type === 'timeZoneName')?.value ?? zone

/** The clinic's zone in words. */
export const clinicZoneName = (): string => zoneInWords(timeZone, locale)
