import { describe, expect, it } from 'vitest'
import { appointmentIcs } from '../../src/notify/ics'

const base = {
  uid: 'abc@clinic.example.com',
  start: new Date('2027-03-15T16:30:00Z'),
  end: new Date('2027-03-15T17:30:00Z'),
  stamp: new Date('2027-03-01T12:00:00Z'),
  summary: 'Back pain focused session',
  description: 'Reference K7Q2XM',
  location: '123 Example Street, Springfield',
  organizer: { name: 'Example Clinic', email: 'hello@clinic.example.com' },
  attendee: { name: 'Robin', email: 'robin@example.org' },
}

const unfold = (ics: string) => ics.replace(/\r\n /g, '')

describe('appointment invitations', () => {
  it('are a complete VCALENDAR with METHOD:REQUEST, CRLF line ends and UTC times', () => {
    const ics = appointmentIcs(base)
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
    expect(ics).toContain('\r\nMETHOD:REQUEST\r\n')
    expect(ics).toContain('\r\nDTSTART:20270315T163000Z\r\n')
    expect(ics).toContain('\r\nDTEND:20270315T173000Z\r\n')
    expect(ics).toContain('\r\nDTSTAMP:20270301T120000Z\r\n')
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('escape text so a value cannot add a property', () => {
    const ics = unfold(appointmentIcs({ ...base, summary: 'a;b,c\\d', description: 'line one\r\nATTENDEE:mailto:evil@example.com', attendee: { name: 'Robin "R"\r\nX', email: 'robin@example.org' } }))
    expect(ics).toContain('SUMMARY:a\\;b\\,c\\\\d\r\n')
    expect(ics).toContain('DESCRIPTION:line one\\nATTENDEE:mailto:evil@example.com\r\n')
    expect(ics).toContain('ATTENDEE;CN="Robin RX";')
    expect(ics.split('\r\n').filter((line) => line.startsWith('ATTENDEE'))).toHaveLength(1)
  })

  it('drop C0 and C1 control characters from a name and from text', () => {
    const typed = 'Ro\u0000b\tin\u001b[2J \u007fPa\u0085tient\u009f'
    const ics = unfold(appointmentIcs({ ...base, summary: typed, attendee: { name: typed, email: 'robin@example.org' } }))
    expect(ics).toContain('ATTENDEE;CN="Robin[2J Patient";')
    expect(ics).toContain('SUMMARY:Robin[2J Patient\r\n')
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  })

  it('fold lines over 75 octets without splitting a character', () => {
    const ics = appointmentIcs({ ...base, description: 'Akupunktur für den Rücken — '.repeat(10) })
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(unfold(ics)).toContain(`DESCRIPTION:${'Akupunktur für den Rücken — '.repeat(10)}\r\n`)
  })
})
