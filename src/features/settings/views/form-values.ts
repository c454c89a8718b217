import type { SettingsSection } from '../domain/vocabulary'
import type { FormValues } from '../form-input'
import { type SectionValues, weekdays } from '../sections'

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
    const rows = items.map(({ id, name, description, durationMinutes, priceCents, visible }) => ({
      id,
      name,
      description,
      minutes: String(durationMinutes),
      price: (priceCents / 100).toFixed(2),
      visible: visible ? 'yes' : '',
    }))
    return Object.fromEntries(
      [...rows, { id: '', name: '', description: '', minutes: '', price: '', visible: 'yes' }].flatMap((item, row) => flatten(`items.${row}`, item)),
    )
  }
  const policies = value as SectionValues['policies']
  return {
    horizonDays: String(policies.horizonDays),
    minimumNoticeHours: String(policies.minimumNoticeHours),
    cancelNoticeHours: String(policies.cancelNoticeHours),
    reminderHours: policies.reminderHours.join(','),
    quietHours: policies.quietHours ? `${policies.quietHours.from}-${policies.quietHours.to}` : '',
    requestExpiryHours: String(policies.requestExpiryHours),
  }
}

/** The row numbers a form's values hold under `prefix`, in order. */
export const rowsOf = (values: FormValues, prefix: string): number[] =>
  [...new Set(Object.keys(values).flatMap((key) => (key.startsWith(`${prefix}.`) ? [Number(key.slice(prefix.length + 1).split('.')[0])] : [])))]
    .filter(Number.isInteger)
    .sort((a, b) => a - b)
