import { localDateTime, vtimezoneLines } from '../../platform/vtimezone'
import { currentSettings } from '../settings'

export interface CalendarEvent {
  /** One per appointment, for every invitation and the feed: appointmentUid(requestId, siteUrl). */
  uid: string
  /** RFC 5546 SEQUENCE: the notification's appointment_sequence (the request's, in the feed). */
  sequence: number
  start: Date
  end: Date
  /** DTSTAMP: the notification's createdAt, so every retry of one email carries the same bytes. */
  stamp: Date
  summary: string
  description: string
  location: string
  status: 'CONFIRMED' | 'CANCELLED'
  organizer?: { name: string; email: string }
  attendee?: { name: string; email: string }
  /** Optional link shown by calendars (the patient's page in an email; the inbox request in the feed). */
  url?: string
}

/** DTSTAMP is UTC by definition (RFC 5545 §3.8.7.2). */
const utc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/**
 * C0 and C1 control characters. RFC 5545 forbids the C0 ones but the tab raw
 * in TEXT and parameter values; none belongs in a name or a summary, and a
 * calendar may take any of them for a line break, so the tab and C1 go too.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters an iCalendar value must not carry
const controls = /[\u0000-\u001f\u007f-\u009f]/g

/** RFC 5545 TEXT escaping; CR and LF become the literal `\n` so no line can be injected, other controls are dropped. */
const text = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(controls, '')

/** A parameter value (e.g. CN) is quoted; a quote or a control character cannot appear inside it. */
const param = (value: string) => `"${value.replace(controls, '').replace(/"/g, '')}"`

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const parts: string[] = []
  let current = ''
  let size = 0
  for (const char of line) {
    const charSize = new TextEncoder().encode(char).length
    if (size + charSize > (parts.length === 0 ? 75 : 74)) {
      parts.push(current)
      current = ''
      size = 0
    }
    current += char
    size += charSize
  }
  parts.push(current)
  return parts.join('\r\n ')
}

/** Local times with the clinic's TZID: a calendar shows the clinic's wall clock even across a DST change. */
function eventLines(event: CalendarEvent): string[] {
  const zone = currentSettings().timeZone
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART;TZID=${zone}:${localDateTime(event.start, zone)}`,
    `DTEND;TZID=${zone}:${localDateTime(event.end, zone)}`,
    `SUMMARY:${text(event.summary)}`,
    `DESCRIPTION:${text(event.description)}`,
    `LOCATION:${text(event.location)}`,
    ...(event.url ? [`URL:${event.url.replace(controls, '')}`] : []),
    ...(event.organizer ? [`ORGANIZER;CN=${param(event.organizer.name)}:mailto:${event.organizer.email}`] : []),
    ...(event.attendee
      ? [`ATTENDEE;CN=${param(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${event.attendee.email}`]
      : []),
    `STATUS:${event.status}`,
    'END:VEVENT',
  ]
}

function calendar(header: readonly string[], events: readonly CalendarEvent[]): string {
  const zone =
    events.length > 0
      ? vtimezoneLines(
          currentSettings().timeZone,
          events.flatMap((event) => [event.start, event.end]),
        )
      : []
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Clinic site//Appointments//EN',
    'CALSCALE:GREGORIAN',
    ...header,
    ...zone,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ]
  return `${lines.map(fold).join('\r\n')}\r\n`
}

/**
 * One event as an iTIP message: METHOD:REQUEST (new or moved) or METHOD:CANCEL (STATUS:CANCELLED).
 *
 * @example invitationIcs({ uid, sequence: 1, start, end, stamp, summary, description, location, status: 'CONFIRMED' }, 'REQUEST')
 */
export function invitationIcs(event: CalendarEvent, method: 'REQUEST' | 'CANCEL'): string {
  // RFC 5546 §3.2.5: a CANCEL carries STATUS:CANCELLED whatever the caller passed.
  const sent: CalendarEvent = method === 'CANCEL' ? { ...event, status: 'CANCELLED' } : event
  return calendar([`METHOD:${method}`], [sent])
}

/**
 * A subscribable calendar (no METHOD), with X-WR-CALNAME and the clinic's VTIMEZONE.
 *
 * @example feedIcs(events, 'Example Acupuncture Clinic') // 'BEGIN:VCALENDAR\r\n…'
 */
export function feedIcs(events: readonly CalendarEvent[], calendarName: string): string {
  return calendar([`X-WR-CALNAME:${text(calendarName)}`, `X-WR-TIMEZONE:${currentSettings().timeZone}`], events)
}

/**
 * The one UID of an appointment in every invitation and in the feed.
 *
 * @example appointmentUid('01J…', 'https://clinic.example.com') // '01J…@clinic.example.com'
 */
export function appointmentUid(requestId: string, siteUrl: string): string {
  return `${requestId}@${new URL(siteUrl).hostname}`
}
