/**
 * A settings change in the practitioner's words ("Price of Follow-up
 * treatment: $95.00 → $100.00"), for the history on the settings page.
 */
import { formatPrice, fullDayName, type PracticeConfig } from '../../config'
import { countNoun } from '../../platform/count-noun'
import type { SettingsSection } from './domain/vocabulary'
import { type SectionValues, sectionSchemas, weekdays } from './sections'
import { describeRanges, formatClock } from './week'

type Shown = Pick<PracticeConfig, 'locale' | 'currency'>

const quoted = (text: string) => `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`
const line = (label: string, before: string, after: string) => (before === after ? [] : [`${label}: ${before} → ${after}`])

const practiceLabels: [string, (value: SectionValues['practice']) => string][] = [
  ['Clinic name', (value) => value.clinicName],
  ['Practitioner’s name', (value) => value.practitioner.name],
  ['Credentials', (value) => value.practitioner.credentials],
  ['About the practitioner', (value) => value.practitioner.bio],
  ['Street', (value) => value.address.street],
  ['City', (value) => value.address.locality],
  ['State or region', (value) => value.address.region],
  ['Postal code', (value) => value.address.postalCode],
  ['Country code', (value) => value.address.country],
  ['Phone', (value) => value.phone],
  ['Email', (value) => value.email],
  ['Conditions treated', (value) => value.conditionsTreated.join('; ')],
]

function describeTimeOffEntry(entry: SectionValues['time-off']['entries'][number], locale: string): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const day = (value: string) => date.format(new Date(`${value}T00:00:00Z`))
  return `${entry.from === entry.to ? day(entry.from) : `${day(entry.from)} to ${day(entry.to)}`}${entry.note ? ` (${entry.note})` : ''}`
}

const weekNoun = { one: 'week', other: 'weeks' }
const bookingModeWords = { direct: 'directly', request: 'by request' } as const

function describeTreatments(before: SectionValues['treatments'], after: SectionValues['treatments'], shown: Shown): string[] {
  const old = new Map(before.items.map((item) => [item.id, item]))
  return after.items.flatMap((item) => {
    const was = old.get(item.id)
    if (!was) return [`Treatment added: ${item.name}${item.visible ? '' : ' (hidden)'}`]
    return [
      ...line(`Name of ${was.name}`, quoted(was.name), quoted(item.name)),
      ...line(`Description of ${item.name}`, quoted(was.description), quoted(item.description)),
      ...line(`Length of ${item.name}`, `${was.durationMinutes} minutes`, `${item.durationMinutes} minutes`),
      ...line(`Price of ${item.name}`, formatPrice(was.priceCents, shown), formatPrice(item.priceCents, shown)),
      ...line(item.name, was.visible ? 'shown to patients' : 'hidden', item.visible ? 'shown to patients' : 'hidden'),
      ...line(`How patients book ${item.name}`, bookingModeWords[was.bookingMode], bookingModeWords[item.bookingMode]),
    ]
  })
}

function describePolicies(before: SectionValues['policies'], after: SectionValues['policies'], locale: string): string[] {
  const hours = (value: number) => `${value} hours`
  const reminders = (value: readonly number[]) => (value.length === 0 ? 'none' : `${[...value].sort((a, b) => b - a).join(' and ')} hours before`)
  const cap = (value: number | null) => (value === null ? 'no limit' : `at most ${value}`)
  const firstVisits = (byRequest: boolean) => (byRequest ? 'through request' : 'as the treatment is booked')
  const quiet = (value: SectionValues['policies']['quietHours']) => (value ? `${formatClock(value.from, locale)} to ${formatClock(value.to, locale)}` : 'none')
  return [
    ...line('Days ahead a patient can book', String(before.horizonDays), String(after.horizonDays)),
    ...line('Minimum notice for a booking', hours(before.minimumNoticeHours), hours(after.minimumNoticeHours)),
    ...line('Notice to cancel without a late cancellation', hours(before.cancelNoticeHours), hours(after.cancelNoticeHours)),
    ...line('Reminders', reminders(before.reminderHours), reminders(after.reminderHours)),
    ...line('Quiet hours', quiet(before.quietHours), quiet(after.quietHours)),
    ...line(
      'An unanswered request expires after',
      before.requestExpiryHours ? hours(before.requestExpiryHours) : 'never',
      after.requestExpiryHours ? hours(after.requestExpiryHours) : 'never',
    ),
    ...line('Minutes kept free after each appointment', String(before.bufferMinutes), String(after.bufferMinutes)),
    ...line('Start times offered', `every ${before.startStepMinutes} minutes`, `every ${after.startStepMinutes} minutes`),
    ...line('Appointments a day', cap(before.maxPerDay), cap(after.maxPerDay)),
    ...line('Upcoming direct bookings one patient may hold', String(before.directBookingsPerAddress), String(after.directBookingsPerAddress)),
    ...line('First visits', firstVisits(before.firstVisitsByRequest), firstVisits(after.firstVisitsByRequest)),
    ...line('A waitlist entry lasts', countNoun(before.waitlistWeeks, weekNoun, locale), countNoun(after.waitlistWeeks, weekNoun, locale)),
  ]
}

/**
 * What a change of `section` changed, one line per thing, in the words of its
 * form. A side that no longer fits its section's shape (an older record) is
 * described as a whole.
 */
export function describeChange(section: SettingsSection, before: unknown, after: unknown, shown: Shown): string[] {
  const [old, now] = [sectionSchemas[section].safeParse(before), sectionSchemas[section].safeParse(after)]
  if (!old.success || !now.success) return ['Replaced as a whole (the earlier record is in an older shape)']
  if (section === 'practice') {
    const [a, b] = [old.data, now.data] as SectionValues['practice'][]
    return practiceLabels.flatMap(([label, read]) => line(label, quoted(read(a!)), quoted(read(b!))))
  }
  if (section === 'hours') {
    const [a, b] = [old.data, now.data] as SectionValues['hours'][]
    return weekdays.flatMap((day) =>
      line(fullDayName(day), describeRanges(a!.weekly[day] ?? [], shown.locale), describeRanges(b!.weekly[day] ?? [], shown.locale)),
    )
  }
  if (section === 'time-off') {
    const [a, b] = [old.data, now.data] as SectionValues['time-off'][]
    const key = (entry: SectionValues['time-off']['entries'][number]) => `${entry.from}|${entry.to}|${entry.note}`
    const [was, is] = [new Set(a!.entries.map(key)), new Set(b!.entries.map(key))]
    return [
      ...a!.entries.filter((entry) => !is.has(key(entry))).map((entry) => `Time off removed: ${describeTimeOffEntry(entry, shown.locale)}`),
      ...b!.entries.filter((entry) => !was.has(key(entry))).map((entry) => `Time off added: ${describeTimeOffEntry(entry, shown.locale)}`),
    ]
  }
  if (section === 'saved-replies') {
    const [a, b] = [old.data, now.data] as SectionValues['saved-replies'][]
    const key = (reply: SectionValues['saved-replies']['replies'][number]) => `${reply.title}|${reply.text}`
    const [was, is] = [new Set(a!.replies.map(key)), new Set(b!.replies.map(key))]
    return [
      ...a!.replies.filter((reply) => !is.has(key(reply))).map((reply) => `Saved reply removed: “${reply.title}”`),
      ...b!.replies.filter((reply) => !was.has(key(reply))).map((reply) => `Saved reply added: “${reply.title}”`),
    ]
  }
  if (section === 'treatments') return describeTreatments(old.data as SectionValues['treatments'], now.data as SectionValues['treatments'], shown)
  return describePolicies(old.data as SectionValues['policies'], now.data as SectionValues['policies'], shown.locale)
}
