/** The field schemas both request forms are built from, and the error shape they report. */
import * as z from 'zod/mini'
import type { FieldErrors } from '../../../platform/form-body'
import type { PhoneProblem } from '../../../platform/phone'
import { type HeardFrom, heardFromChoices } from './vocabulary'

/** Form values are strings; JSON may send other types, which fail with the same messages. */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

/** A blank field counts as not filled in. */
export const blankAsMissing = <T extends z.ZodMiniType>(schema: T) => z.pipe(z.transform(emptyToUndefined), schema)

export const text = (missing: string, max: number, tooLong: string) =>
  z.string({ error: missing }).check(z.trim(), z.minLength(1, missing), z.maxLength(max, tooLong))

export const name = text('Enter your name', 100, 'Name must be 100 characters or fewer')

export const email = z.pipe(
  z.string({ error: 'Enter your email address' }).check(z.trim(), z.toLowerCase(), z.minLength(1, 'Enter your email address')),
  z
    .email({ error: 'Enter an email address in the correct format, like name@example.com' })
    .check(z.maxLength(254, 'Email address must be 254 characters or fewer')),
)

const phoneExample = (country: string) => (country === 'US' ? ', such as (503) 555-0142' : ', with its area code, or with + and the country code')

/** What the patient is told for each reason a typed number was not taken. */
const phoneMessages = (country: string): Record<PhoneProblem, string> => ({
  'not-a-number': `Enter a phone number we can call${phoneExample(country)}`,
  'not-callable': `Enter a phone number we can call${phoneExample(country)}`,
  'too-short': `This phone number is too short: enter every digit${phoneExample(country)}`,
  'too-long': `This phone number has too many digits: check it${phoneExample(country)}`,
})

/**
 * A phone number read for the clinic's country (`country()`, asked at each
 * parse) and kept in E.164. Parsing is async: the number's metadata is loaded
 * with import() on the first POST that has one, so no page a patient opens
 * evaluates it. Schemas using it are parsed with `safeParseAsync`, as the
 * forms' validator does.
 */
export const phone = (country: () => string) =>
  z.transform(async (value: unknown, ctx) => {
    const clinicCountry = country()
    const refuse = (problem: PhoneProblem) => {
      ctx.issues.push({ code: 'custom', input: value, message: phoneMessages(clinicCountry)[problem] })
      return z.NEVER
    }
    const typed = typeof value === 'string' ? value.trim() : ''
    if (typed === '') return refuse('not-a-number')
    if (typed.length > 40) return refuse('too-long')
    const { readPhone } = await import('../../../platform/phone')
    const read = readPhone(typed, clinicCountry)
    return read.ok ? read.stored : refuse(read.problem)
  })

export const consent = z.union([z.literal('yes'), z.literal(true)], {
  error: 'Agree to the privacy notice so we can store your request',
})

/**
 * Cross-field checks run even when other fields are wrong, so the patient sees
 * every problem at once rather than a second round after fixing the first.
 */
export const alwaysCheck = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message })

/** The answers to "How did you hear about us?", as both forms offer them. */
export const heardFromLabels: Record<HeardFrom, string> = {
  search: 'A search engine',
  article: 'An article on this site',
  friend: 'A friend or family member',
  practitioner: 'Another practitioner or doctor',
  social: 'Social media',
  other: 'Other',
}

/** "How did you hear about us?": optional, one of the listed answers when given. */
export const heardFrom = z.optional(
  blankAsMissing(z.optional(choice(heardFromChoices, 'Choose one of the listed answers to “How did you hear about us?”, or leave it blank'))),
)

/** Free text that may be left blank, trimmed and capped. */
export const optionalText = (max: number, tooLong: string) =>
  z.optional(blankAsMissing(z.optional(z.string({ error: tooLong }).check(z.trim(), z.maxLength(max, tooLong)))))

export type { FieldErrors }

/** zod issues as messages per top-level field, the shape both the form and the JSON answer use. */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= []
    errors[field].push(issue.message)
  }
  return errors
}
