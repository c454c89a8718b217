import { fieldId, radioId } from '../../../ui/form/fields'
import type { SettingsSection } from '../domain/vocabulary'
import type { FormValues } from '../form-input'
import { maxSavedReplies, type SectionValues, weekdays } from '../sections'

/** Blank rows added under time off. */
const blankTimeOffRows = 3

const flatten = (prefix: string, value: unknown): [string, string][] =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).flatMap(([key, inner]) => flatten(prefix ? `${prefix}.${key}` : key, inner))
    : [[prefix, String(value ?? '')]]

/** A section's value as the strings its form shows (the inverse of readSectionForm). */
export function formValuesOf<S extends SettingsSection>(section: S, value: SectionValues[S]): FormValues {
  if (section === 'practice') {
    const practice = value as SectionValues['practice']
    return { ...Object.fromEntries(flatten('', { ...practice, conditionsTreated: undefined })), conditionsTreated: practice.conditionsTreated.join('\n') }
  }
  if (section === 'hours') {
    const { weekly } = value as SectionValues['hours']
    return Object.fromEntries(
      weekdays.flatMap((day) => {
        const ranges = [...(weekly[day] ?? []), { opens: '', closes: '' }]
        return [
          [`weekly.${day}.closed`, ranges.length === 1 ? 'yes' : ''],
          ...ranges.flatMap((range, row) => [
            [`weekly.${day}.${row}.opens`, range.opens],
            [`weekly.${day}.${row}.closes`, range.closes],
          ]),
        ]
      }),
    )
  }
  if (section === 'time-off') {
    const { entries } = value as SectionValues['time-off']
    const rows = [...entries, ...Array.from({ length: blankTimeOffRows }, () => ({ from: '', to: '', note: '' }))]
    return Object.fromEntries(rows.flatMap((entry, row) => flatten(`entries.${row}`, entry)))
  }
  if (section === 'treatments') {
    const { items } = value as SectionValues['treatments']
    const rows = items.map(({ id, name, description, durationMinutes, priceCents, visible, bookingMode }) => ({
      id,
      name,
      description,
      minutes: String(durationMinutes),
      price: (priceCents / 100).toFixed(2),
      visible: visible ? 'yes' : '',
      bookingMode,
    }))
    return Object.fromEntries(
      [...rows, { id: '', name: '', description: '', minutes: '', price: '', visible: 'yes', bookingMode: 'direct' }].flatMap((item, row) =>
        flatten(`items.${row}`, item),
      ),
    )
  }
  if (section === 'saved-replies') {
    const { replies } = value as SectionValues['saved-replies']
    // One empty row to add a reply, while there is room for one.
    const rows = replies.length < maxSavedReplies ? [...replies, { title: '', text: '' }] : replies
    return Object.fromEntries(rows.flatMap((reply, row) => flatten(`replies.${row}`, reply)))
  }
  const policies = value as SectionValues['policies']
  return {
    horizonDays: String(policies.horizonDays),
    minimumNoticeHours: String(policies.minimumNoticeHours),
    cancelNoticeHours: String(policies.cancelNoticeHours),
    reminderHours: policies.reminderHours.join(','),
    quietHours: policies.quietHours ? `${policies.quietHours.from}-${policies.quietHours.to}` : '',
    requestExpiryHours: String(policies.requestExpiryHours),
    bufferMinutes: String(policies.bufferMinutes),
    startStepMinutes: String(policies.startStepMinutes),
    maxPerDay: policies.maxPerDay === null ? '' : String(policies.maxPerDay),
    directBookingsPerAddress: String(policies.directBookingsPerAddress),
    firstVisitsByRequest: policies.firstVisitsByRequest ? 'yes' : 'no',
    waitlistWeeks: String(policies.waitlistWeeks),
  }
}

/** The row numbers a form's values hold under `prefix`, in order. */
export const rowsOf = (values: FormValues, prefix: string): number[] =>
  [...new Set(Object.keys(values).flatMap((key) => (key.startsWith(`${prefix}.`) ? [Number(key.slice(prefix.length + 1).split('.')[0])] : [])))]
    .filter(Number.isInteger)
    .sort((a, b) => a - b)

/** The choices of the radio groups the settings forms show, by field (a treatment's mode by the end of its name). */
export const radioChoices = {
  startStepMinutes: [
    { value: '15', label: 'Every 15 minutes' },
    { value: '30', label: 'Every 30 minutes' },
    { value: '60', label: 'Every hour' },
  ],
  bookingMode: [
    { value: 'direct', label: 'Patients book a free time directly' },
    { value: 'request', label: 'Patients request, you confirm' },
  ],
} as const

/** The element an error of `name` links to: a radio group's first choice, or the field itself. */
export const errorTarget = (name: string): string => {
  const group = name === 'startStepMinutes' ? radioChoices.startStepMinutes : name.endsWith('.bookingMode') ? radioChoices.bookingMode : undefined
  return group ? radioId(name, group[0].value) : fieldId(name)
}
