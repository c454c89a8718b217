import * as z from 'zod/mini'
import { practice, type PracticeConfig } from '../config'
import { treatmentFor } from './booking-window'
import { alwaysCheck, blankAsMissing, choice, consent, email, name, optionalText, phone } from './form-fields'
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

/**
 * The booking form's schema. Preferred times are checked against the clinic's
 * hours, notice and horizon as of the moment each value is parsed (`clock`),
 * so one schema serves every request: building a zod schema costs more than
 * parsing with it.
 */
export function bookingSchema(config: PracticeConfig = practice, clock: () => Date = () => new Date()) {
  const serviceIds = config.services.map((service) => service.id) as [string, ...string[]]
  return z.pipe(
    z
      .object({
        name,
        email,
        phone: blankAsMissing(phone),
        service: choice(serviceIds, 'Choose a treatment'),
        pain: choice(Object.keys(painTypes) as [PainType, ...PainType[]], 'Choose what the pain is like'),
        patientStatus: choice(['new', 'returning'], 'Tell us whether you are a new or returning patient'),
        ...preferredTimeFields,
        notes: optionalText(2000, 'Notes must be 2,000 characters or fewer'),
        consent,
      })
      .check(
        z.superRefine((input, ctx) => {
          const fields = input as Record<string, unknown>
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
        preferredTimes,
      }
    }),
  )
}

export type BookingInput = z.output<ReturnType<typeof bookingSchema>>
