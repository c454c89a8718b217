export interface Appointment {
  uid: string
  start: Date
  end: Date
  summary: string
  description: string
  location: string
  organizer: { name: string; email: string }
  attendee: { name: string; email: string }
  stamp: Date
}

/** Times as UTC (`Z`): every calendar converts them to the reader's zone, so no VTIMEZONE is needed. */
const utc = (instant: Date) => instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/**
 * C0 and C1 control characters. RFC 5545 forbids the C0 ones but the tab raw
 * in TEXT and parameter values; none belongs in a name or a summary, and a
 * calendar may take any of them for a line break, so the tab and C1 go too.
 */
const controls = /[\u0000-\u001f\u007f-\u009f]/g

/** RFC 5545 TEXT escaping; CR and LF become the literal `\n` so no line can be injected, other controls are dropped. */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n').replace(controls, '')

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

/** An invitation (METHOD:REQUEST) the patient's calendar can add with one click. */
export function appointmentIcs(appointment: Appointment): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Clinic site//Appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${appointment.uid}`,
    `DTSTAMP:${utc(appointment.stamp)}`,
    `DTSTART:${utc(appointment.start)}`,
    `DTEND:${utc(appointment.end)}`,
    `SUMMARY:${text(appointment.summary)}`,
    `DESCRIPTION:${text(appointment.description)}`,
    `LOCATION:${text(appointment.location)}`,
    `ORGANIZER;CN=${param(appointment.organizer.name)}:mailto:${appointment.organizer.email}`,
    `ATTENDEE;CN=${param(appointment.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${appointment.attendee.email}`,
    'STATUS:CONFIRMED',
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(fold).join('\r\n')}\r\n`
}
