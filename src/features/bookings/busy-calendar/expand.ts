import type ICAL from 'ical.js'
import { zonedInstant } from '../../../platform/time-zone'
import { ianaZoneOf } from './zones'

type Ical = typeof ICAL
type Component = InstanceType<Ical['Component']>
type Time = InstanceType<Ical['Time']>
type Event = InstanceType<Ical['Event']>

export interface BusyBlock {
  start: Date
  end: Date
}

export interface ExpandWindow {
  from: Date
  until: Date
  /** The clinic's zone: floating times and all-day dates are read on its wall clock. */
  timeZone: string
  /** True for the UIDs of the clinic's own appointments, which the clinic already counts. */
  isClinicUid: (uid: string) => boolean
}

/** A feed that is not iCalendar text, or whose top component is not a calendar. */
export class NotACalendarError extends Error {}

const pad = (value: number) => String(value).padStart(2, '0')

/** The instant a feed time names, read in the most precise zone available. */
function instantOf(time: Time, startTzid: string | undefined, clinicZone: string): Date {
  const date = `${time.year}-${pad(time.month)}-${pad(time.day)}`
  if (time.isDate) return zonedInstant(date, '00:00', clinicZone)
  const tzid = time.zone?.tzid
  if (tzid === 'UTC') return new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second))
  // ical.js keeps a zone it found no VTIMEZONE for as floating: the TZID parameter still names it.
  const named = tzid && tzid !== 'floating' ? tzid : startTzid
  const zone = named === undefined ? clinicZone : ianaZoneOf(named)
  // A zone only the feed's VTIMEZONE explains ("(UTC-08:00) Pacific Time") is left to ical.js.
  if (zone === undefined && tzid && tzid !== 'floating') return new Date(time.toUnixTime() * 1000)
  const wall = zonedInstant(date, `${pad(time.hour)}:${pad(time.minute)}`, zone ?? clinicZone)
  return new Date(wall.getTime() + time.second * 1000)
}

/** The TZID that DTSTART names, which recurring occurrences and their ends share. */
function startTzidOf(component: Component): string | undefined {
  const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid')
  return typeof tzid === 'string' ? tzid : undefined
}

/** Free (TRANSP:TRANSPARENT) and cancelled events hold no time. */
const holdsTime = (component: Component) =>
  String(component.getFirstPropertyValue('transp') ?? '').toUpperCase() !== 'TRANSPARENT' &&
  String(component.getFirstPropertyValue('status') ?? '').toUpperCase() !== 'CANCELLED'

/** A series of every minute since 1970 must not stall the job: past this many occurrences it stops. */
const occurrenceLimit = 50_000

/** Every busy interval of the feed that overlaps the window, overlaps merged, earliest first. */
export function expandBusyBlocks(ical: Ical, text: string, window: ExpandWindow): BusyBlock[] {
  let calendar: Component
  try {
    calendar = new ical.Component(ical.parse(text))
  } catch (error) {
    if (error instanceof ical.parse.ParserError) throw new NotACalendarError(error.message)
    throw error
  }
  if (calendar.name !== 'vcalendar') throw new NotACalendarError(`the top component is ${calendar.name}`)

  const blocks: BusyBlock[] = []
  const add = (component: Component, start: Time, end: Time) => {
    if (!holdsTime(component)) return
    const startTzid = startTzidOf(component)
    const block = { start: instantOf(start, startTzid, window.timeZone), end: instantOf(end, startTzid, window.timeZone) }
    if (block.end > window.from && block.start < window.until && block.end > block.start) blocks.push(block)
  }

  const events = calendar.getAllSubcomponents('vevent').filter((vevent) => !window.isClinicUid(String(vevent.getFirstPropertyValue('uid') ?? '')))
  const masters = events.filter((vevent) => !vevent.hasProperty('recurrence-id'))
  const masterUids = new Set(masters.map((vevent) => vevent.getFirstPropertyValue('uid')))
  for (const master of masters) {
    const uid = master.getFirstPropertyValue('uid')
    const exceptions = events.filter((vevent) => vevent !== master && vevent.getFirstPropertyValue('uid') === uid)
    const event = new ical.Event(master, { exceptions, strictExceptions: false })
    if (event.isRecurring()) addOccurrences(event, window, add)
    else add(master, event.startDate, event.endDate)
  }
  // A moved or changed occurrence is its own busy time; one whose series is missing still is.
  for (const vevent of events) {
    if (!vevent.hasProperty('recurrence-id')) continue
    const exception = new ical.Event(vevent)
    if (masterUids.has(vevent.getFirstPropertyValue('uid')) && exception.modifiesFuture()) continue
    add(vevent, exception.startDate, exception.endDate)
  }
  return mergeBlocks(blocks)
}

/** The series' occurrences up to the window's end; an occurrence replaced by its own exception is left to it. */
function addOccurrences(event: Event, window: ExpandWindow, add: (component: Component, start: Time, end: Time) => void) {
  const startTzid = startTzidOf(event.component)
  const iterator = event.iterator()
  for (let count = 0, next = iterator.next(); next && count < occurrenceLimit; next = iterator.next(), count++) {
    if (instantOf(next, startTzid, window.timeZone) >= window.until) break
    const details = event.getOccurrenceDetails(next)
    const item = details.item as Event
    if (item !== event && !item.modifiesFuture()) continue
    add(item.component, details.startDate, details.endDate)
  }
}

/** Only busy or not matters: overlapping and touching blocks become one. */
function mergeBlocks(blocks: BusyBlock[]): BusyBlock[] {
  const merged: BusyBlock[] = []
  for (const block of [...blocks].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    const last = merged.at(-1)
    if (last && block.start <= last.end) last.end = new Date(Math.max(last.end.getTime(), block.end.getTime()))
    else merged.push({ ...block })
  }
  return merged
}
