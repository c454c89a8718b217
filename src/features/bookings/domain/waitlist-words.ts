import { zoneInWords } from '../../../platform/dates'
import { dateTimeFormat } from '../../../platform/intl-formats'

/**
 * An instant as a patient reads it: the clinic's wall clock in its locale's
 * clock, with the zone named in words, e.g. "Tuesday, June 4, 2047 at
 * 10:00 AM Pacific Time"; never a zone identifier.
 */
export function describeStart(instant: Date, { locale, timeZone }: { locale: string; timeZone: string }): string {
  return `${dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(instant)} ${zoneInWords(timeZone, locale)}`
}

/** A clinic date ("2047-06-04") as "Tuesday, June 4, 2047". */
export const describeDate = (date: string, locale: string): string =>
  dateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
