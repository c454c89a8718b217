import * as z from 'zod/mini'
import type { PracticeConfig } from '../../../config'
import { preferredTimeProblem, type Treatment } from './booking-window'
import { blankAsMissing, choice, optionalText } from './form-fields'
import { type DayPeriod, dayPeriods } from './vocabulary'

export const maxPreferredTimes = 3

const positions = Array.from({ length: maxPreferredTimes }, (_, index) => index + 1)

const timeSlot = (position: number) => ({
  [`date${position}`]: optionalText(10, 'Enter a date, for example 2027-03-14'),
  [`period${position}`]: z.optional(blankAsMissing(z.optional(choice(dayPeriods, 'Choose morning, afternoon or evening')))),
})

/** The fields date1/period1 … date3/period3, as the booking form and the patient's page send them. */
export const preferredTimeFields = { ...timeSlot(1), ...timeSlot(2), ...timeSlot(3) }

/** Where a zod refinement collects its issues. */
type Issues = { issues: { push(issue: { code: 'custom'; input: unknown; path: string[]; message: string }): unknown } }

/**
 * Reports each preferred time that cannot be offered (at least one, each
 * complete, each fitting the treatment, the notice and the horizon, none twice)
 * on its own field, in the patient's words.
 */
export function checkPreferredTimes(fields: Record<string, unknown>, ctx: Issues, treatment: Treatment, now: Date, config: PracticeConfig): void {
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
}

/** The complete preferred times among checked fields, in order. */
export const readPreferredTimes = (fields: Record<string, unknown>): { date: string; period: DayPeriod }[] =>
  positions.flatMap((n) => {
    const date = fields[`date${n}`]
    const period = fields[`period${n}`] as DayPeriod | undefined
    return typeof date === 'string' && date && period ? [{ date, period }] : []
  })
