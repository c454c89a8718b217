import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { zonedDate, zonedTime } from '../../src/platform/time-zone'
import { localDateTime, vtimezoneLines } from '../../src/platform/vtimezone'

/** The VTIMEZONE as ical.js reads it, with nothing registered globally. */
function parseZone(lines: string[]): ICAL.Timezone {
  return new ICAL.Timezone(new ICAL.Component(ICAL.parse(`${lines.join('\r\n')}\r\n`)))
}

const hour = 3_600_000

/**
 * The instant the runtime's wall-clock reading of `instant` is, through the
 * parsed VTIMEZONE: local time to UTC, the way a calendar reads DTSTART;TZID.
 */
function instantThrough(zone: ICAL.Timezone, instant: Date, timeZone: string): Date {
  const [year, month, day] = zonedDate(instant, timeZone).split('-').map(Number) as [number, number, number]
  const [hours, minutes] = zonedTime(instant, timeZone).split(':').map(Number) as [number, number]
  const local = new ICAL.Time({ year, month, day, hour: hours, minute: minutes, second: 0, isDate: false }, zone)
  return new Date(Date.UTC(year, month - 1, day, hours, minutes) - zone.utcOffset(local) * 1000)
}

/** A reading the clock shows twice (the hour repeated when daylight saving ends) has no one instant. */
function isRepeated(instant: Date, timeZone: string): boolean {
  const reading = (at: number) => `${zonedDate(new Date(at), timeZone)} ${zonedTime(new Date(at), timeZone)}`
  return [-hour, -hour / 2, hour / 2, hour].some((shift) => reading(instant.getTime() + shift) === reading(instant.getTime()))
}

/** Every noon of the year, and every quarter hour of the days around each change the runtime knows of. */
function samplesOf(year: number, timeZone: string): Date[] {
  const samples: Date[] = []
  for (let at = Date.UTC(year, 0, 1, 12); at < Date.UTC(year + 1, 0, 1); at += 24 * hour) {
    samples.push(new Date(at))
    const before = zonedTime(new Date(at), timeZone)
    const after = zonedTime(new Date(at + 24 * hour), timeZone)
    if (before !== after) for (let q = at - 12 * hour; q < at + 36 * hour; q += hour / 4) samples.push(new Date(q))
  }
  return samples
}

describe('the VTIMEZONE computed from Intl', () => {
  it.each(['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Tokyo'])(
    'reads every wall-clock time of the year back as the instant the runtime gives it (%s)',
    (timeZone) => {
      const zone = parseZone(vtimezoneLines(timeZone, [new Date('2027-06-01T00:00:00Z')]))
      for (const instant of samplesOf(2027, timeZone).filter((sample) => !isRepeated(sample, timeZone))) {
        expect(instantThrough(zone, instant, timeZone).toISOString()).toBe(instant.toISOString())
      }
    },
  )

  it('names each change of the Pacific zone with its wall clock before the change and its offsets', () => {
    const lines = vtimezoneLines('America/Los_Angeles', [new Date('2027-06-01T00:00:00Z')])
    const text = lines.join('\n')
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VTIMEZONE', 'TZID:America/Los_Angeles'])
    expect(text).toContain('BEGIN:DAYLIGHT\nDTSTART:20270314T020000\nTZOFFSETFROM:-0800\nTZOFFSETTO:-0700\nEND:DAYLIGHT')
    expect(text).toContain('BEGIN:STANDARD\nDTSTART:20271107T020000\nTZOFFSETFROM:-0700\nTZOFFSETTO:-0800\nEND:STANDARD')
  })

  it('is one standard observance for a zone without daylight saving', () => {
    const lines = vtimezoneLines('Asia/Tokyo', [new Date('2027-03-14T00:00:00Z'), new Date('2028-11-05T00:00:00Z')])
    expect(lines).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Tokyo',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0900',
      'TZOFFSETTO:+0900',
      'END:STANDARD',
      'END:VTIMEZONE',
    ])
  })

  it('covers every year between the first and the last instant', () => {
    const zone = parseZone(vtimezoneLines('Europe/Berlin', [new Date('2027-02-01T00:00:00Z'), new Date('2029-08-01T00:00:00Z')]))
    for (const instant of samplesOf(2028, 'Europe/Berlin').filter((sample) => !isRepeated(sample, 'Europe/Berlin'))) {
      expect(instantThrough(zone, instant, 'Europe/Berlin').toISOString()).toBe(instant.toISOString())
    }
  })

  it('writes an instant as the local date-time of the zone, seconds included', () => {
    expect(localDateTime(new Date('2027-03-15T16:30:45Z'), 'America/Los_Angeles')).toBe('20270315T093045')
    expect(localDateTime(new Date('2027-03-13T17:30:00Z'), 'America/Los_Angeles')).toBe('20270313T093000')
    expect(localDateTime(new Date('2027-03-15T04:00:00Z'), 'Asia/Kolkata')).toBe('20270315T093000')
  })
})
