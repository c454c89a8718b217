/**
 * The checks that span values of a section, or a section and the others as
 * they stand: what one field's schema cannot see.
 */

import { isPhoneCountry } from '../../platform/phone'
import { addDays, zonedDate } from '../../platform/time-zone'
import type { SettingsSection } from './domain/vocabulary'
import { type OpeningRange, type SectionValues, type Settings, sectionSchemas } from './sections'

export interface Issue {
  path: readonly (string | number)[]
  message: string
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/** The longest opening range of the week in minutes (0 when the practice never opens). */
const longestRange = (weekly: SectionValues['hours']['weekly']) =>
  Math.max(0, ...Object.values(weekly).flatMap((ranges) => (ranges ?? []).map((range) => minutesOf(range.closes) - minutesOf(range.opens))))

function checkDay(day: string, ranges: readonly OpeningRange[]): Issue[] {
  const issues: Issue[] = []
  ranges.forEach((range, index) => {
    if (range.closes <= range.opens)
      issues.push({ path: ['weekly', day, index, 'closes'], message: 'Closes at or before it opens: enter a closing time after the opening time' })
    else if (ranges.some((other, before) => before < index && other.opens < other.closes && other.opens < range.closes && range.opens < other.closes))
      issues.push({ path: ['weekly', day, index, 'opens'], message: 'Overlaps another range on the same day' })
  })
  return issues
}

function checkHours(hours: SectionValues['hours'], settings: Settings): Issue[] {
  const issues = Object.entries(hours.weekly).flatMap(([day, ranges]) => checkDay(day, ranges ?? []))
  const longest = longestRange(hours.weekly)
  for (const service of settings.services)
    if (service.durationMinutes > longest)
      issues.push({
        path: ['weekly'],
        message: `${service.name} takes ${service.durationMinutes} minutes, longer than every opening range: shorten or hide it first`,
      })
  return issues
}

function checkTreatments(treatments: SectionValues['treatments'], settings: Settings): Issue[] {
  const longest = longestRange(settings.weekly)
  return treatments.items.flatMap((item, index) =>
    item.visible && item.durationMinutes > longest
      ? [{ path: ['items', index, 'durationMinutes'], message: `Longer than every opening range (the longest is ${longest} minutes)` }]
      : [],
  )
}

/**
 * The country is where patients' phone numbers typed without + and a country
 * code are read: one the numbering plans do not know ("UK" for GB) would make
 * every such number refused.
 */
function checkPractice(practice: SectionValues['practice']): Issue[] {
  return isPhoneCountry(practice.address.country)
    ? []
    : [{ path: ['address', 'country'], message: 'Not a country code phone numbers are known for: enter two letters such as US, CA or GB (not UK)' }]
}

/** How far time off may reach from the clinic's today, and how long one entry may last (in days, both ends included). */
const timeOffBounds = { daysBack: 366, daysAhead: 731, longestDays: 366 }

/**
 * Each entry in order, within a year back and two years ahead, and a year at
 * most: every page and booking checks dates against these entries, so one
 * entry reaching into the far past or future must not be stored.
 */
function checkTimeOff(timeOff: SectionValues['time-off'], today: string): Issue[] {
  const earliest = addDays(today, -timeOffBounds.daysBack)
  const latest = addDays(today, timeOffBounds.daysAhead)
  return timeOff.entries.flatMap((entry, index): Issue[] => {
    const at = (field: 'from' | 'to', message: string) => [{ path: ['entries', index, field], message }]
    if (entry.to < entry.from) return at('to', 'Ends before it starts: enter a last day on or after the first')
    if (entry.from < earliest) return at('from', `Starts more than a year ago: enter a first day from ${earliest} on, or remove this entry`)
    if (entry.to > latest) return at('to', `Ends more than two years ahead: enter a last day up to ${latest}`)
    if (entry.to > addDays(entry.from, timeOffBounds.longestDays - 1))
      return at('to', `Longer than a year: enter a last day up to ${addDays(entry.from, timeOffBounds.longestDays - 1)}, and add another entry for the rest`)
    return []
  })
}

/** The other sections each section's checks read: a save guards on their revisions too. */
export const checkedAgainst: Record<SettingsSection, readonly SettingsSection[]> = {
  practice: [],
  hours: ['treatments'],
  'time-off': [],
  treatments: ['hours'],
  policies: [],
  'saved-replies': [],
}

/** Problems a section's value has against itself and against the other sections in `settings`, on the clinic's `today`. */
export function checkSection<S extends SettingsSection>(section: S, value: SectionValues[S], settings: Settings, today: string): Issue[] {
  if (section === 'hours') return checkHours(value as SectionValues['hours'], settings)
  if (section === 'treatments') return checkTreatments(value as SectionValues['treatments'], settings)
  if (section === 'time-off') return checkTimeOff(value as SectionValues['time-off'], today)
  if (section === 'practice') return checkPractice(value as SectionValues['practice'])
  return []
}

/**
 * Treatments the new value leaves out, kept hidden: old requests name them,
 * so a treatment is never deleted.
 */
function keepRemovedTreatments(before: SectionValues['treatments'], after: SectionValues['treatments']): SectionValues['treatments'] {
  const kept = new Set(after.items.map((item) => item.id))
  return { items: [...after.items, ...before.items.filter((item) => !kept.has(item.id)).map((item) => ({ ...item, visible: false }))] }
}

/**
 * A section's new value checked as a save needs it: its schema, then the
 * checks that span values, with removed treatments kept hidden. `stored` is
 * every section as it stands, `settings` the same as the site reads them.
 */
export function validateSection<S extends SettingsSection>(
  section: S,
  candidate: unknown,
  stored: SectionValues,
  settings: Settings,
  now: Date,
): { value: SectionValues[S]; issues?: undefined } | { value?: undefined; issues: Issue[] } {
  const parsed = sectionSchemas[section].safeParse(candidate)
  if (!parsed.success) return { issues: parsed.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })) }
  const issues = checkSection(section, parsed.data as SectionValues[S], settings, zonedDate(now, settings.timeZone))
  if (issues.length > 0) return { issues }
  const value = section === 'treatments' ? keepRemovedTreatments(stored.treatments, parsed.data as SectionValues['treatments']) : parsed.data
  return { value: value as SectionValues[S] }
}
