import { practice } from '../../../config'

const wallClock = new Intl.DateTimeFormat(practice.locale, {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: practice.timeZone,
})

/** "Tuesday, March 16, 2027 at 9:30 AM" on the clinic's wall clock, the zone named: the patient may be elsewhere. */
export const formatAppointmentTime = (instant: Date): string => `${wallClock.format(instant)} (clinic time, ${practice.timeZone})`

export const AppointmentTime = ({ start }: { start: Date }) => <time datetime={start.toISOString()}>{formatAppointmentTime(start)}</time>
