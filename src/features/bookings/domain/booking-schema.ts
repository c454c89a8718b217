import * as z from 'zod/mini'
import type { Settings } from '../../settings'
import { currentSettings } from '../../settings'
import { treatmentFor } from './booking-window'
import { alwaysCheck, blankAsMissing, choice, consent, email, heardFrom, name, optionalText, phone } from './form-fields'
import { checkPreferredTimes, preferredTimeFields, readPreferredTimes } from './preferred-times'

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

/** A treatment the practitioner has hidden is refused with its own reason, not as an unknown one. */
function checkService(
  service: unknown,
  config: Settings,
  ctx: { issues: { push(issue: { code: 'custom'; input: unknown; path: string[]; message: string }): unknown } },
): void {
  // A value of the wrong type already has its own message from the field's schema.
  if (typeof service !== 'string') return
  const found = config.allServices.find((candidate) => candidate.id === service)
  if (found?.visible) return
  const message = found ? `${found.name} is not offered at the moment. Choose another treatment` : chooseTreatment
  ctx.issues.push({ code: 'custom', input: service, path: ['service'], message })
}

/**
 * The booking form's schema. The treatment and the preferred times are checked
 * against the settings (`settings`: treatments offered, hours, time off, notice
 * and horizon) and the moment (`clock`) each value is parsed with, so one
 * schema serves every request and follows every change: building a zod schema
 * costs more than parsing with it. The default reads `currentSettings` only when
 * called: a module may build its schema before the settings module has loaded.
 */
export function bookingSchema(settings: () => Settings = () => currentSettings(), clock: () => Date = () => new Date()) {
  return z.pipe(
    z
      .object({
        name,
        email,
        phone: blankAsMissing(phone),
        service: z.string({ error: chooseTreatment }),
        pain: choice(Object.keys(painTypes) as [PainType, ...PainType[]], 'Choose what the pain is like'),
        patientStatus: choice(['new', 'returning'], 'Tell us whether you are a new or returning patient'),
        ...preferredTimeFields,
        notes: optionalText(2000, 'Notes must be 2,000 characters or fewer'),
        heardFrom,
        consent,
      })
      .check(
        z.superRefine((input, ctx) => {
          const fields = input as Record<string, unknown>
          const config = settings()
          checkService(fields.service, config, ctx)
          checkPreferredTimes(fields, ctx, treatmentFor(fields.service, config), clock(), config)
        }, alwaysCheck),
      ),
    z.transform((input) => {
      const preferredTimes = readPreferredTimes(input as Record<string, unknown>)
      return {
        name: input.name,
        email: input.email,
        phone: input.phone,
        service: input.service,
        pain: input.pain as PainType,
        patientStatus: input.patientStatus as 'new' | 'returning',
        notes: input.notes,
        heardFrom: input.heardFrom,
        preferredTimes,
      }
    }),
  )
}

export type BookingInput = z.output<ReturnType<typeof bookingSchema>>
