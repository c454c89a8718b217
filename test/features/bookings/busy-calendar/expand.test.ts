import ical from 'ical.js'
import { describe, expect, it } from 'vitest'
import { expandBusyBlocks, NotACalendarError } from '../../../../src/features/bookings/busy-calendar/expand'
import { appleFeed, fastmailFeed, googleFeed, outlookFeed } from './feeds'

const window = (from: string, until: string) => ({
  from: new Date(from),
  until: new Date(until),
  timeZone: 'America/Los_Angeles',
  isClinicUid: (uid: string) => uid.endsWith('@clinic.example.com'),
})

/** Blocks as ISO pairs, so a failure shows the instants that differ. */
const expand = (text: string, from: string, until: string) =>
  expandBusyBlocks(ical, text, window(from, until)).map(({ start, end }) => [start.toISOString(), end.toISOString()])

describe('expandBusyBlocks', () => {
  it('reads Google: UTC times, a series in its own zone with an EXDATE; free, cancelled and clinic events left out', () => {
    expect(expand(googleFeed, '2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([
      ['2026-11-02T17:00:00.000Z', '2026-11-02T17:30:00.000Z'],
      ['2026-11-03T18:00:00.000Z', '2026-11-03T19:00:00.000Z'],
      ['2026-11-04T17:00:00.000Z', '2026-11-04T17:30:00.000Z'],
    ])
  })

  it('reads Apple: a weekly series across the end of summer time, one week excluded and one moved', () => {
    expect(expand(appleFeed, '2026-10-12T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([
      ['2026-10-15T16:00:00.000Z', '2026-10-15T17:00:00.000Z'],
      ['2026-10-29T16:00:00.000Z', '2026-10-29T17:00:00.000Z'],
      ['2026-11-05T17:00:00.000Z', '2026-11-05T18:00:00.000Z'],
      ['2026-11-13T22:00:00.000Z', '2026-11-13T23:00:00.000Z'],
      ['2026-11-19T17:00:00.000Z', '2026-11-19T18:00:00.000Z'],
    ])
  })

  it('keeps only what overlaps the window', () => {
    expect(expand(appleFeed, '2026-10-20T00:00:00Z', '2026-11-14T00:00:00Z')).toEqual([
      ['2026-10-29T16:00:00.000Z', '2026-10-29T17:00:00.000Z'],
      ['2026-11-05T17:00:00.000Z', '2026-11-05T18:00:00.000Z'],
      ['2026-11-13T22:00:00.000Z', '2026-11-13T23:00:00.000Z'],
    ])
  })

  it("reads Outlook's Windows zone names, with or without a VTIMEZONE, and a zone only its VTIMEZONE explains", () => {
    expect(expand(outlookFeed, '2026-10-12T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([
      ['2026-10-28T16:00:00.000Z', '2026-10-28T16:30:00.000Z'],
      ['2026-11-04T09:00:00.000Z', '2026-11-04T10:00:00.000Z'],
      ['2026-11-05T18:00:00.000Z', '2026-11-05T19:00:00.000Z'],
    ])
  })

  it("reads Fastmail's floating times and all-day events on the clinic's wall clock", () => {
    expect(expand(fastmailFeed, '2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([
      ['2026-11-04T18:00:00.000Z', '2026-11-04T19:30:00.000Z'],
      ['2026-11-06T08:00:00.000Z', '2026-11-08T08:00:00.000Z'],
      ['2026-11-11T08:00:00.000Z', '2026-11-12T08:00:00.000Z'],
    ])
  })

  it('merges overlapping busy times into one block', () => {
    const overlapping = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20261103T180000Z',
      'DTEND:20261103T190000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART:20261103T183000Z',
      'DTEND:20261103T200000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n')
    expect(expand(overlapping, '2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([['2026-11-03T18:00:00.000Z', '2026-11-03T20:00:00.000Z']])
  })

  it('refuses what is not a calendar', () => {
    expect(() => expandBusyBlocks(ical, '<!doctype html><title>Sign in</title>', window('2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z'))).toThrow(
      NotACalendarError,
    )
  })
})
