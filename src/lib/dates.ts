import { practice } from '../config'

/** "November 1, 2026" for "2026-11-01"; dates are calendar dates, so UTC avoids a day shift. */
export const formatDate = (isoDate: string): string =>
  new Date(`${isoDate}T00:00:00Z`).toLocaleDateString(practice.locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
