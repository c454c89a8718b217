import { practice } from '../config'

/** "November 1, 2026" for "2026-11-01"; dates are calendar dates, so UTC avoids a day shift. */
export const formatDate = (isoDate: string): string =>
  new Date(`${isoDate}T00:00:00Z`).toLocaleDateString(practice.locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })

/** "Nov 26, 2026, 9:05 AM" on the clinic's wall clock, for times the practitioner reads. */
export const formatInstant = (instant: Date): string =>
  instant.toLocaleString(practice.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: practice.timeZone })
