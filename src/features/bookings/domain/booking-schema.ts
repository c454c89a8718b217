import * as z from 'zod/mini'
import type { Settings } from '../../settings'
import { currentSettings } from '../../settings'
import { isOnGrid, maxExactStarts, readStart } from './book-week'
import { alwaysCheck, blankAsMissing, choice, consent, email, heardFrom, name, optionalText, phone } from './form-fields'

export const painTypes = {
  muscular: 'Muscular: tight or sore muscles',
  disc: 'Disc-related or sciatica',
  arthritic: 'Arthritic: stiffness and dull aches',
  stress: 'Stress-related tension',
  unsure: 'Not sure',
  other: 'Other',
} as const

export type PainType = keyof typeof painTypes

const chooseTreatment = 'Choose a treatment'
const chooseTime = 'Choose a time from the list'

/** Where a zod refinement collects its issues. */
type Issues = { issues: { push(issue: { code: 'custom'; input: unknown; path: string[]; message: string }): unknown } }

/** The treatment offered under that id, or a message: a hidden one is refused with its own reason, not as an unknown one. */
export function offeredTreatment(id: unknown, config: Settings): Settings['allServices'][number] | string {
  const found = config.allServices.find((candidate) => candidate.id === id)
  if (found?.visible) return found
  return found ? `${found.name} is not offered at the moment. Choose another treatment` : chooseTreatment
}

/** The chosen starts as sent: one value (a radio) or several (checkboxes), as form or JSON. */
const startsSent = (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value])

/** Each start a number on the treatment's grid, at least one, at most three, none twice. */
function checkStarts(value: unknown, treatment: Settings['allServices'][number] | undefined, config: Settings, ctx: Issues): void {
  const report = (message: string) => ctx.issues.push({ code: 'custom', input: value, path: ['start'], message })
  const sent = startsSent(value)
  if (sent.length === 0) return void report(chooseTime)
  if (sent.length > maxExactStarts) return void report(`Choose at most ${maxExactStarts} times`)
  const starts = sent.map(readStart)
  if (new Set(starts).size < starts.length) return void report('You have chosen the same time twice')
  const grid = {
    weekly: config.weekly,
    durationMinutes: treatment?.durationMinutes ?? 0,
    stepMinutes: config.scheduling.stepMinutes,
    timeZone: config.timeZone,
  }
  if (starts.some((start) => start === undefined || (treatment && !isOnGrid(start, grid))))
    report('That is not one of the times offered. Choose a time from the list')
}

/**
 * The booking form's schema: the patient's details, the treatment and the
 * exact start(s) chosen on its week. The treatment and the starts are checked
 * against the settings each value is parsed with (`settings`), so one schema
 * serves every request and follows every change: building a zod schema costs
 * more than parsing with it. Whether a start is still free is the route's
 * question, asked of D1 when the booking is taken. The default reads
 * `currentSettings` only when called: a module may build its schema before the
 * settings module has loaded.
 */
export function bookingSchema(settings: () => Settings = () => currentSettings()) {
  return z.pipe(
    z
      .object({
        name,
        email,
        phone: blankAsMissing(phone(() => settings().address.country)),
        treatment: z.string({ error: chooseTreatment }),
        start: z.unknown(),
        pain: choice(Object.keys(painTypes) as [PainType, ...PainType[]], 'Choose what the pain is like'),
        patientStatus: choice(['new', 'returning'], 'Tell us whether you are a new or returning patient'),
        notes: optionalText(2000, 'Notes must be 2,000 characters or fewer'),
        heardFrom,
        consent,
      })
      .check(
        z.superRefine((input, ctx) => {
          const fields = input as Record<string, unknown>
          const config = settings()
          const treatment = offeredTreatment(fields.treatment, config)
          // A value of the wrong type already has its own message from the field's schema.
          if (typeof treatment === 'string' && typeof fields.treatment === 'string')
            ctx.issues.push({ code: 'custom', input: fields.treatment, path: ['treatment'], message: treatment })
          checkStarts(fields.start, typeof treatment === 'string' ? undefined : treatment, config, ctx)
        }, alwaysCheck),
      ),
    z.transform((input) => ({
      name: input.name,
      email: input.email,
      phone: input.phone,
      treatment: input.treatment,
      starts: startsSent(input.start).map((start) => readStart(start)!),
      pain: input.pain as PainType,
      patientStatus: input.patientStatus as 'new' | 'returning',
      notes: input.notes,
      heardFrom: input.heardFrom,
    })),
  )
}

export type BookingInput = z.output<ReturnType<typeof bookingSchema>>
