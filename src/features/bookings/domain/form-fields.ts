/** The field schemas both request forms are built from, and the error shape they report. */
import * as z from 'zod/mini'
import type { FieldErrors } from '../../../platform/form-body'
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

/** Keeps a leading + and the digits; spaces, dots, dashes and brackets are how people write numbers. */
const normalizePhone = (value: string): string => {
  const trimmed = value.trim()
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/[\s().-]/g, '').replace(/^\+/, '')
}

const phoneMessage = 'Enter a phone number, like 555 010 0000 or +1 555 010 0000'
export const phone = z.pipe(
  z.pipe(z.string({ error: phoneMessage }).check(z.maxLength(40, phoneMessage)), z.transform(normalizePhone)),
  z.string().check(z.regex(/^\+?\d{7,15}$/, phoneMessage)),
)

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
