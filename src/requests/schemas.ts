import * as z from 'zod/mini'
import { practice, type PracticeConfig } from '../config'
import { dayPeriods, type DayPeriod } from '../db/schema'
import { preferredTimeProblem } from './booking-window'

/** Form values are strings; JSON may send other types, which fail with the same messages. */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

/** A blank field counts as not filled in. */
export const blankAsMissing = <T extends z.ZodMiniType>(schema: T) => z.pipe(z.transform(emptyToUndefined), schema)

const text = (missing: string, max: number, tooLong: string) =>
  z.string({ error: missing }).check(z.trim(), z.minLength(1, missing), z.maxLength(max, tooLong))

const name = text('Enter your name', 100, 'Name must be 100 characters or fewer')

const email = z.pipe(
  z.string({ error: 'Enter your email address' }).check(z.trim(), z.toLowerCase(), z.minLength(1, 'Enter your email address')),
  z.email({ error: 'Enter an email address in the correct format, like name@example.com' }).check(z.maxLength(254, 'Email address must be 254 characters or fewer')),
)

/** Keeps a leading + and the digits; spaces, dots, dashes and brackets are how people write numbers. */
export const normalizePhone = (value: string): string => {
  const trimmed = value.trim()
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/[\s().-]/g, '').replace(/^\+/, '')
}

const phoneMessage = 'Enter a phone number, like 555 010 0000 or +1 555 010 0000'
const phone = z.pipe(
  z.pipe(z.string({ error: phoneMessage }).check(z.maxLength(40, phoneMessage)), z.transform(normalizePhone)),
  z.string().check(z.regex(/^\+?\d{7,15}$/, phoneMessage)),
)

const consent = z.union([z.literal('yes'), z.literal(true)], {
  error: 'Agree to the privacy notice so we can store your request',
})

/**
 * Cross-field checks run even when other fields are wrong, so the patient sees
 * every problem at once rather than a second round after fixing the first.
 */
const alwaysCheck = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message })

export const contactSchema = z
  .object({
    name,
    email,
    phone: z.optional(blankAsMissing(z.optional(phone))),
    preferredContact: choice(['email', 'phone'], 'Choose how you would like us to reply'),
    message: text('Enter your question or message', 5000, 'Message must be 5,000 characters or fewer'),
    consent,
  })
  .check(
    z.superRefine((input, ctx) => {
      if (input.preferredContact === 'phone' && (input.phone === undefined || input.phone === '')) {
        ctx.issues.push({ code: 'custom', input: input.phone, path: ['phone'], message: 'Enter a phone number so we can call you back' })
      }
    }, alwaysCheck),
  )

export const painTypes = {
  muscular: 'Muscular: tight or sore muscles',
  disc: 'Disc-related or sciatica',
  arthritic: 'Arthritic: stiffness and dull aches',
  stress: 'Stress-related tension',
  unsure: 'Not sure',
  other: 'Other',
} as const

export type PainType = keyof typeof painTypes

const optionalText = (max: number, tooLong: string) =>
  z.optional(blankAsMissing(z.optional(z.string({ error: tooLong }).check(z.trim(), z.maxLength(max, tooLong)))))

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
              const problem = preferredTimeProblem(date, period as DayPeriod, now, config)
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

export type ContactInput = z.output<typeof contactSchema>
export type BookingInput = z.output<ReturnType<typeof bookingSchema>>

export type FieldErrors = Record<string, string[]>

/** zod issues as messages per top-level field, the shape both the form and the JSON answer use. */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    ;(errors[field] ??= []).push(issue.message)
  }
  return errors
}
