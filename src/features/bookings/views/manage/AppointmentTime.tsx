import { zoneInWords } from '../../../../platform/dates'
import { dateTimeFormat } from '../../../../platform/intl-formats'

/** How the clinic reads a time: its locale and its time zone. */
export interface ClinicClock {
  locale: string
  timeZone: string
}

/** "Tuesday, March 16, 2027 at 9:30 AM (Pacific Time)" on the clinic's wall clock, the zone named in words: the patient may be elsewhere. */
function formatAppointmentTime(instant: Date, { locale, timeZone }: ClinicClock): string {
  const wallClock = dateTimeFormat(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  })
  return `${wallClock.format(instant)} (${zoneInWords(timeZone, locale)})`
}

export const AppointmentTime = ({ start, clock }: { start: Date; clock: ClinicClock }) => (
  <time datetime={start.toISOString()}>{formatAppointmentTime(start, clock)}</time>
)
