import * as z from 'zod/mini'
import { alwaysCheck, blankAsMissing, choice, consent, email, heardFrom, name, phone, text } from './form-fields'

/** The contact form's schema; the phone is read for the clinic's country (`country()`, asked at each parse). */
export const contactSchema = (country: () => string) =>
  z
    .object({
      name,
      email,
      phone: z.optional(blankAsMissing(z.optional(phone(country)))),
      preferredContact: choice(['email', 'phone'], 'Choose how you would like us to reply'),
      message: text('Enter your question or message', 5000, 'Message must be 5,000 characters or fewer'),
      heardFrom,
      consent,
    })
    .check(
      z.superRefine((input, ctx) => {
        if (input.preferredContact === 'phone' && (input.phone === undefined || input.phone === '')) {
          ctx.issues.push({ code: 'custom', input: input.phone, path: ['phone'], message: 'Enter a phone number so we can call you back' })
        }
      }, alwaysCheck),
    )

export type ContactInput = z.output<ReturnType<typeof contactSchema>>
