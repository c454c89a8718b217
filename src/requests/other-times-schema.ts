import * as z from 'zod/mini'
import { practice, type PracticeConfig } from '../config'
import { dayPeriods, type DayPeriod } from '../db/schema'
import { maxPreferredTimes } from './booking-schema'
import { preferredTimeProblem, type Treatment } from './booking-window'
import { alwaysCheck, blankAsMissing, choice, optionalText } from './form-fields'

const positions = Array.from({ length: maxPreferredTimes }, (_, index) => index + 1)

const slots = Object.fromEntries(
  positions.flatMap((n) => [
    [`date${n}`, optionalText(10, 'Enter a date, for example 2027-03-14')],
    [`period${n}`, z.optional(blankAsMissing(z.optional(choice(dayPeriods, 'Choose morning, afternoon or evening'))))],
  ]),
)

/**
 * One to three new preferred times from the patient's page, under the booking
 * form's rules and messages (fields date1/period1 … date3/period3): each must
 * leave the notice and the treatment's length before closing, within the horizon.
 */
export function otherTimesSchema(treatment: Treatment, now: Date, config: PracticeConfig = practice) {
  return z.pipe(
    z.object(slots).check(
      z.superRefine((input, ctx) => {
        const fields = input as Record<string, unknown>
        const seen = new Set<string>()
        for (const n of positions) {
          const date = fields[`date${n}`]
          const period = fields[`period${n}`]
          // A value of the wrong type already has its own message from the field's schema.
          if ((date !== undefined && typeof date !== 'string') || (period !== undefined && !dayPeriods.includes(period as DayPeriod))) continue
          const report = (field: string, message: string) => ctx.issues.push({ code: 'custom', input: fields[field], path: [field], message })
          if (date === undefined && period === undefined) {
            if (n === 1) report('date1', 'Choose at least one preferred date')
            continue
          }
          if (!date) report(`date${n}`, 'Choose a date for this time')
          else if (!period) report(`period${n}`, 'Choose morning, afternoon or evening')
          else {
            const problem = preferredTimeProblem(date, period as DayPeriod, treatment, now, config)
            if (problem) report(`date${n}`, problem)
            else if (seen.has(`${date} ${period}`)) report(`date${n}`, 'You have already chosen this time')
            seen.add(`${date} ${period}`)
          }
        }
      }, alwaysCheck),
    ),
    z.transform((input) => {
      const fields = input as Record<string, string | undefined>
      return positions.flatMap((n) => {
        const date = fields[`date${n}`]
        const period = fields[`period${n}`] as DayPeriod | undefined
        return date && period ? [{ date, period }] : []
      })
    }),
  )
}
