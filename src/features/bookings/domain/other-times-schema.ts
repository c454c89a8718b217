import * as z from 'zod/mini'
import type { PracticeConfig } from '../../../config'
import type { Treatment } from './booking-window'
import { alwaysCheck } from './form-fields'
import { checkPreferredTimes, preferredTimeFields, readPreferredTimes } from './preferred-times'

/**
 * One to three new preferred times from the patient's page, under the booking
 * form's rules and messages (fields date1/period1 … date3/period3): each must
 * leave the notice and the treatment's length before closing, within the horizon.
 */
export function otherTimesSchema(treatment: Treatment, now: Date, config: PracticeConfig) {
  return z.pipe(
    z
      .object(preferredTimeFields)
      .check(z.superRefine((input, ctx) => checkPreferredTimes(input as Record<string, unknown>, ctx, treatment, now, config), alwaysCheck)),
    z.transform((input) => readPreferredTimes(input as Record<string, unknown>)),
  )
}
