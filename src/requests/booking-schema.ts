import * as z from 'zod/mini'
import { practice, type PracticeConfig } from '../config'
import { dayPeriods, type DayPeriod } from '../db/schema'
import { preferredTimeProblem, treatmentFor } from './booking-window'
import { alwaysCheck, blankAsMissing, choice, consent, email, name, optionalText, phone } from './form-fields'

export const painTypes = {
  muscular: 'Muscular: tight or sore muscles',
  disc: 'Disc-related or sciatica',
  arthritic: 'Arthritic: stiffness and dull aches',
  stress: 'Stress-related tension',
  unsure: 'Not sure',
  other: 'Other',
} as const

export type PainType = keyof typeof painTypes

const timeSlot = (position: number) => ({
  [`date${position}`]: optionalText(10, 'Enter a date, for example 2027-03-14'),
  [`period${position}`]: z.optional(blankAsMissing(z.optional(choice(dayPeriods, 'Choose morning, afternoon or evening')))),
})

export const maxPreferredTimes = 3

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
        ...timeSlot(1),
        ...timeSlot(2),
        ...timeSlot(3),
        notes: optionalText(2000, 'Notes must be 2,000 characters or fewer'),
        consent,
      })
      .check(
        z.superRefine((input, ctx) => {
          const fields = input as Record<string, unknown>
          const now = clock()
          const treatment = treatmentFor(fields.service, config)
          const seen = new Set<string>()
          for (let position = 1; position <= maxPreferredTimes; position++) {
            const date = fields[`date${position}`]
            const period = fields[`period${position}`]
            // A value of the wrong type already has its own message from the field's schema.
            if ((date !== undefined && typeof date !== 'string') || (period !== undefined && !dayPeriods.includes(period as DayPeriod))) continue
            const report = (field: string, message: string) => ctx.issues.push({ code: 'custom', input: fields[field], path: [field], message })
            if (date === undefined && period === undefined) {
              if (position === 1) report('date1', 'Choose at least one preferred date')
              continue
            }
            if (!date) report(`date${position}`, 'Choose a date for this time')
            else if (!period) report(`period${position}`, 'Choose morning, afternoon or evening')
            else {
              const problem = preferredTimeProblem(date, period as DayPeriod, treatment, now, config)
              if (problem) report(`date${position}`, problem)
              else if (seen.has(`${date} ${period}`)) report(`date${position}`, 'You have already chosen this time')
              seen.add(`${date} ${period}`)
            }
          }
        }, alwaysCheck),
      ),
    z.transform((input) => {
      const fields = input as Record<string, string | undefined>
      const preferredTimes: { date: string; period: DayPeriod }[] = []
      for (let position = 1; position <= maxPreferredTimes; position++) {
        const date = fields[`date${position}`]
        const period = fields[`period${position}`] as DayPeriod | undefined
        if (date && period) preferredTimes.push({ date, period })
      }
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
