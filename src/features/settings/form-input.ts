/**
 * The settings forms' fields read into a section's shape. Field names are the
 * value's paths ("address.street", "weekly.Mo.0.opens", "items.2.price"), so an
 * issue's path names the field it belongs to; rows left blank are skipped.
 */
import type { SettingsSection } from './domain/vocabulary'
import { type SectionValues, weekdays } from './sections'

export type FormValues = Record<string, string>

/** A section's value as read from the form (not yet validated), and where each array item came from. */
export interface ReadForm {
  candidate: unknown
  /** Issues found while reading (a price or number typed wrongly), by field. */
  errors: Record<string, string[]>
  /** The form row of each array item, by the array's name ("entries", "items" or a weekday). */
  rows: Record<string, number[]>
}

const fieldNames: Partial<Record<string, string>> = { durationMinutes: 'minutes', priceCents: 'price' }

/** The form field an issue's path points at (a whole array points at its first field's name). */
export function fieldOf(section: SettingsSection, path: readonly PropertyKey[], rows: ReadForm['rows']): string {
  const parts = path.map((part, index) => {
    const array = index === 0 ? undefined : String(path[index - 1])
    return typeof part === 'number' && array ? String(rows[array]?.[part] ?? part) : (fieldNames[String(part)] ?? String(part))
  })
  if (section === 'practice' && parts[0] === 'conditionsTreated') return 'conditionsTreated'
  if (section === 'policies') return parts[0] ?? 'form'
  return parts.join('.') || 'form'
}

/** The numbers of the rows a form sent under `prefix` ("entries" → 0, 1, 2…). */
const rowNumbers = (form: FormValues, prefix: string) =>
  [...new Set(Object.keys(form).flatMap((key) => (key.startsWith(`${prefix}.`) ? [Number(key.split('.')[prefix.split('.').length])] : [])))]
    .filter(Number.isInteger)
    .sort((a, b) => a - b)

const blank = (...values: (string | undefined)[]) => values.every((value) => !value?.trim())

function readWhole(form: FormValues, name: string, errors: ReadForm['errors']): number | undefined {
  const typed = (form[name] ?? '').trim()
  if (/^-?\d+$/.test(typed)) return Number(typed)
  errors[name] ??= []
  errors[name].push('Enter a whole number')
  return undefined
}

function readPrice(form: FormValues, name: string, errors: ReadForm['errors']): number | undefined {
  const typed = (form[name] ?? '').trim()
  if (/^-?\d+(\.\d{1,2})?$/.test(typed)) return Math.round(Number(typed) * 100)
  errors[name] ??= []
  errors[name].push('Enter a price such as 95.00')
  return undefined
}

/** An id from the name ("Back pain" → "back-pain"), made unique among `taken`. */
function deriveId(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 34) || 'treatment'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}

function readTreatments(form: FormValues, before: SectionValues['treatments'], read: ReadForm): unknown {
  const taken = new Set([...before.items.map((item) => item.id), ...Object.entries(form).flatMap(([key, value]) => (key.endsWith('.id') ? [value] : []))])
  read.rows.items = []
  const stored = new Map(before.items.map((item) => [item.id, item]))
  const items = rowNumbers(form, 'items').flatMap((row) => {
    const field = (name: string) => form[`items.${row}.${name}`]
    // A cleared row is a removal: the treatment is kept hidden, never deleted.
    if (blank(field('name'), field('description'), field('minutes'), field('price'))) return []
    read.rows.items!.push(row)
    return [
      {
        id: field('id') || deriveId(field('name') ?? '', taken),
        name: field('name'),
        description: field('description'),
        durationMinutes: readWhole(form, `items.${row}.minutes`, read.errors),
        priceCents: readPrice(form, `items.${row}.price`, read.errors),
        visible: field('visible') === 'yes',
        // A row sent without its mode (a page from before modes existed) keeps the mode stored; a new one books directly.
        bookingMode: field('bookingMode') ?? stored.get(field('id') ?? '')?.bookingMode ?? 'direct',
      },
    ]
  })
  return { items }
}

/** A whole number, or `blankAs` when the field is left blank. */
function readOptionalWhole(form: FormValues, name: string, errors: ReadForm['errors'], blankAs: number | null): number | null | undefined {
  return (form[name] ?? '').trim() === '' ? blankAs : readWhole(form, name, errors)
}

/**
 * The scheduling policies, each read only when the form sent it: a form that
 * does not show a policy (an older page still open in a tab) leaves it as stored.
 */
function readScheduling(form: FormValues, read: ReadForm): Record<string, unknown> {
  const sent = (name: keyof SectionValues['policies']) => form[name] !== undefined
  return {
    ...(sent('bufferMinutes') && { bufferMinutes: readWhole(form, 'bufferMinutes', read.errors) }),
    ...(sent('startStepMinutes') && { startStepMinutes: readWhole(form, 'startStepMinutes', read.errors) }),
    ...(sent('maxPerDay') && { maxPerDay: readOptionalWhole(form, 'maxPerDay', read.errors, null) }),
    ...(sent('directBookingsPerAddress') && { directBookingsPerAddress: readWhole(form, 'directBookingsPerAddress', read.errors) }),
    // The checkbox sits after a hidden "no" of the same name, so an unticked box still says it was shown.
    ...(sent('firstVisitsByRequest') && { firstVisitsByRequest: form.firstVisitsByRequest === 'yes' }),
    ...(sent('waitlistWeeks') && { waitlistWeeks: readWhole(form, 'waitlistWeeks', read.errors) }),
  }
}

function readPolicies(form: FormValues, before: SectionValues['policies'], read: ReadForm): unknown {
  const reminders = (form.reminderHours ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  if (reminders.some((part) => !/^\d+$/.test(part))) read.errors.reminderHours = ['Enter hours before the appointment separated by commas, such as 48,2']
  const quiet = (form.quietHours ?? '').trim()
  const quietMatch = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(quiet)
  if (quiet && !quietMatch) read.errors.quietHours = ['Enter quiet hours such as 21:00-08:00, or leave empty']
  return {
    ...before,
    ...readScheduling(form, read),
    horizonDays: readWhole(form, 'horizonDays', read.errors),
    minimumNoticeHours: readWhole(form, 'minimumNoticeHours', read.errors),
    cancelNoticeHours: readWhole(form, 'cancelNoticeHours', read.errors),
    reminderHours: reminders.map(Number),
    quietHours: quietMatch ? { from: quietMatch[1], to: quietMatch[2] } : null,
    requestExpiryHours: readWhole(form, 'requestExpiryHours', read.errors),
  }
}

/** Reads one section's form; `before` is the section as it stands (treatments keep their ids). */
export function readSectionForm(section: SettingsSection, form: FormValues, before: SectionValues): ReadForm {
  const read: ReadForm = { candidate: undefined, errors: {}, rows: {} }
  const value = (name: string) => form[name] ?? ''
  if (section === 'practice') {
    read.candidate = {
      clinicName: value('clinicName'),
      practitioner: { name: value('practitioner.name'), credentials: value('practitioner.credentials').trim(), bio: value('practitioner.bio') },
      address: {
        ...Object.fromEntries(['street', 'locality', 'region', 'postalCode'].map((part) => [part, value(`address.${part}`).trim()])),
        country: value('address.country').trim().toUpperCase(),
      },
      phone: value('phone').trim(),
      email: value('email').trim(),
      conditionsTreated: value('conditionsTreated')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    }
  } else if (section === 'hours') {
    const weekly = Object.fromEntries(
      weekdays.map((day) => {
        // "Closed" wins over any times typed under it, and a range marked for removal is dropped.
        const closed = value(`weekly.${day}.closed`) === 'yes'
        read.rows[day] = closed
          ? []
          : rowNumbers(form, `weekly.${day}`).filter(
              (row) => value(`weekly.${day}.${row}.remove`) !== 'yes' && !blank(value(`weekly.${day}.${row}.opens`), value(`weekly.${day}.${row}.closes`)),
            )
        return [day, read.rows[day].map((row) => ({ opens: value(`weekly.${day}.${row}.opens`).trim(), closes: value(`weekly.${day}.${row}.closes`).trim() }))]
      }),
    )
    read.candidate = { weekly }
  } else if (section === 'time-off') {
    read.rows.entries = rowNumbers(form, 'entries').filter(
      (row) => !blank(value(`entries.${row}.from`), value(`entries.${row}.to`), value(`entries.${row}.note`)),
    )
    // A single day needs only its first date.
    read.candidate = {
      entries: read.rows.entries.map((row) => ({
        from: value(`entries.${row}.from`).trim(),
        to: value(`entries.${row}.to`).trim() || value(`entries.${row}.from`).trim(),
        note: value(`entries.${row}.note`),
      })),
    }
  } else if (section === 'saved-replies') {
    // A reply marked for removal, or a row left blank, is dropped.
    read.rows.replies = rowNumbers(form, 'replies').filter(
      (row) => value(`replies.${row}.remove`) !== 'yes' && !blank(value(`replies.${row}.title`), value(`replies.${row}.text`)),
    )
    read.candidate = { replies: read.rows.replies.map((row) => ({ title: value(`replies.${row}.title`), text: value(`replies.${row}.text`) })) }
  } else if (section === 'treatments') read.candidate = readTreatments(form, before.treatments, read)
  else read.candidate = readPolicies(form, before.policies, read)
  return read
}
