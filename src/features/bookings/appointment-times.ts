/** The times of appointments as emails, notices and the patient's receipts write them: the clinic's wall clock, the zone in words. */
import { formatPreferredTime, zoneInWords } from '../../platform/dates'
import { currentSettings } from '../settings'

const longTime: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }
const shortTime: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }

// Built at each use: the clinic's zone and locale are settings that may change between two emails.
const formatWallClock = (instant: Date, options: Intl.DateTimeFormatOptions): string => {
  const { locale, timeZone } = currentSettings()
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(instant)
}

/** "Tuesday, December 8, 2026 at 10:00 AM (Pacific Time)": weekday, date and time on the clinic's wall clock, its zone in words. */
export const formatAppointmentTime = (instant: Date): string => {
  const { locale, timeZone } = currentSettings()
  return `${formatWallClock(instant, longTime)} (${zoneInWords(timeZone, locale)})`
}

/** "Tue, Dec 8, 10:00 AM" on the clinic's wall clock, for a subject line. */
export const formatShortTime = (instant: Date): string => formatWallClock(instant, shortTime)

/** A preferred time as the patient gave it: the exact start they picked from the free times, or a day and part of the day. */
export const formatPreferred = (time: { date: string; period: string; start?: Date | null }): string =>
  time.start ? formatAppointmentTime(time.start) : formatPreferredTime(time.date, time.period)
