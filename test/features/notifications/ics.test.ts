import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { appointmentUid, type CalendarEvent, feedIcs, invitationIcs } from '../../../src/features/notifications/ics'
import { zonedInstant } from '../../../src/platform/time-zone'

const base: CalendarEvent = {
  uid: 'abc@clinic.example.com',
  sequence: 0,
  start: new Date('2027-03-15T16:30:00Z'),
  end: new Date('2027-03-15T17:30:00Z'),
  stamp: new Date('2027-03-01T12:00:00Z'),
  summary: 'Back pain focused session',
  description: 'Reference K7Q2XM',
  location: '123 Example Street, Springfield',
  status: 'CONFIRMED',
  organizer: { name: 'Example Clinic', email: 'hello@clinic.example.com' },
  attendee: { name: 'Robin', email: 'robin@example.org' },
}

const unfold = (ics: string) => ics.replace(/\r\n /g, '')

/** An event's start and end as a calendar reads them: local times through the VTIMEZONE parsed from the same file. */
function readBack(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  const zones = calendar.getAllSubcomponents('vtimezone')
  const zone = new ICAL.Timezone(zones[0]!)
  const read = (event: ICAL.Component, name: string) => {
    const time = event.getFirstPropertyValue(name) as ICAL.Time
    const local = `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')} ${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
    const instant = new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) - zone.utcOffset(time) * 1000)
    return { local, tzid: event.getFirstProperty(name)!.getParameter('tzid'), instant: instant.toISOString() }
  }
  const events = calendar.getAllSubcomponents('vevent').map((event) => ({
    start: read(event, 'dtstart'),
    end: read(event, 'dtend'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
  }))
  return { method: calendar.getFirstPropertyValue('method'), zones: zones.length, tzid: zone.tzid, events }
}

// The Pacific zone's changes in 2027: Sunday 14 March (spring) and Sunday 7 November (autumn).
const around = [
  ['the week before spring', '2027-03-07', '2027-03-07T17:30:00.000Z'],
  ['the morning after spring', '2027-03-15', '2027-03-15T16:30:00.000Z'],
  ['the week after spring', '2027-03-21', '2027-03-21T16:30:00.000Z'],
  ['the week before autumn', '2027-10-31', '2027-10-31T16:30:00.000Z'],
  ['the morning after autumn', '2027-11-08', '2027-11-08T17:30:00.000Z'],
  ['the week after autumn', '2027-11-14', '2027-11-14T17:30:00.000Z'],
] as const

describe('appointment invitations', () => {
  it('are a complete VCALENDAR with CRLF line ends, the METHOD, UID, SEQUENCE and STATUS', () => {
    const ics = invitationIcs({ ...base, sequence: 3 }, 'REQUEST')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
    expect(ics).toContain('\r\nDTSTAMP:20270301T120000Z\r\n')
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const read = readBack(ics)
    expect(read).toMatchObject({ method: 'REQUEST', zones: 1, tzid: practice.timeZone })
    expect(read.events).toMatchObject([{ uid: 'abc@clinic.example.com', sequence: 3, status: 'CONFIRMED' }])
  })

  it('cancel with METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
    const read = readBack(invitationIcs({ ...base, sequence: 4 }, 'CANCEL'))
    expect(read.method).toBe('CANCEL')
    expect(read.events).toMatchObject([{ uid: 'abc@clinic.example.com', sequence: 4, status: 'CANCELLED' }])
  })

  it.each(around)("carry the clinic's local time and the right instant on %s", (_, date, utc) => {
    const start = zonedInstant(date, '09:30', practice.timeZone)
    const end = zonedInstant(date, '10:30', practice.timeZone)
    const ics = invitationIcs({ ...base, start, end }, 'REQUEST')
    expect(ics).toContain(`\r\nDTSTART;TZID=${practice.timeZone}:${date.replace(/-/g, '')}T093000\r\n`)
    const [event] = readBack(ics).events
    expect(event!.start).toEqual({ local: `${date} 09:30`, tzid: practice.timeZone, instant: utc })
    expect(event!.end).toEqual({ local: `${date} 10:30`, tzid: practice.timeZone, instant: new Date(Date.parse(utc) + 3_600_000).toISOString() })
  })

  it('escape text so a value cannot add a property', () => {
    const ics = unfold(
      invitationIcs(
        {
          ...base,
          summary: 'a;b,c\\d',
          description: 'line one\r\nATTENDEE:mailto:evil@example.com',
          attendee: { name: 'Robin "R"\r\nX', email: 'robin@example.org' },
        },
        'REQUEST',
      ),
    )
    expect(ics).toContain('SUMMARY:a\\;b\\,c\\\\d\r\n')
    expect(ics).toContain('DESCRIPTION:line one\\nATTENDEE:mailto:evil@example.com\r\n')
    expect(ics).toContain('ATTENDEE;CN="Robin RX";')
    expect(ics.split('\r\n').filter((line) => line.startsWith('ATTENDEE'))).toHaveLength(1)
  })

  it('drop C0 and C1 control characters from a name and from text', () => {
    const typed = 'Ro\u0000b\tin\u001b[2J \u007fPa\u0085tient\u009f'
    const ics = unfold(invitationIcs({ ...base, summary: typed, attendee: { name: typed, email: 'robin@example.org' } }, 'REQUEST'))
    expect(ics).toContain('ATTENDEE;CN="Robin[2J Patient";')
    expect(ics).toContain('SUMMARY:Robin[2J Patient\r\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test asserts none of them is left
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  })

  it('fold lines over 75 octets without splitting a character', () => {
    const ics = invitationIcs({ ...base, description: 'Akupunktur für den Rücken — '.repeat(10) }, 'REQUEST')
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(unfold(ics)).toContain(`DESCRIPTION:${'Akupunktur für den Rücken — '.repeat(10)}\r\n`)
  })
})

describe('the calendar feed', () => {
  it('holds several events across a change of offset with one VTIMEZONE, no METHOD, and the calendar name', () => {
    const events = around.map(([, date], index) => ({
      ...base,
      uid: `feed-${index}@clinic.example.com`,
      sequence: index,
      start: zonedInstant(date, '09:30', practice.timeZone),
      end: zonedInstant(date, '10:30', practice.timeZone),
      url: `https://clinic.example.com/admin/requests/feed-${index}`,
      organizer: undefined,
      attendee: undefined,
    }))
    const ics = feedIcs(events, 'Clinic, appointments')
    expect(ics).toContain('\r\nX-WR-CALNAME:Clinic\\, appointments\r\n')
    expect(ics).not.toContain('ATTENDEE')
    expect(unfold(ics)).toContain('\r\nURL:https://clinic.example.com/admin/requests/feed-0\r\n')
    const read = readBack(ics)
    expect(read.method).toBeNull()
    expect(read.zones).toBe(1)
    expect(read.events.map((event) => [event.uid, event.sequence, event.start.local, event.start.instant])).toEqual(
      around.map(([, date, utc], index) => [`feed-${index}@clinic.example.com`, index, `${date} 09:30`, utc]),
    )
  })

  it('is a valid empty calendar when nothing is booked', () => {
    const calendar = new ICAL.Component(ICAL.parse(feedIcs([], 'Clinic')))
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0)
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Clinic')
  })
})

describe('appointment UIDs', () => {
  it("are the request id at the site's host name", () => {
    expect(appointmentUid('01JABC', 'https://clinic.example.com/some/path')).toBe('01JABC@clinic.example.com')
  })
})
