import * as z from 'zod/mini'
import type { Weekday } from '../../../config'
import { addDays, isCalendarDate, zonedDate, zonedInstant } from '../../../platform/time-zone'
import type { Settings } from '../../settings'
import { alwaysCheck, blankAsMissing, choice, consent, email, name, phone } from './form-fields'
import { type DayPeriod, dayPeriods } from './vocabulary'

export const weekdayChoices = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const satisfies readonly Weekday[]

/** A repeated form field arrives as one string when one box is ticked, as a list when several are. */
const listOf = <const T extends readonly [string, ...string[]]>(values: T, missing: string) =>
  z.pipe(
    z.transform((value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value])),
    z.array(z.enum(values, { error: missing })).check(z.minLength(1, missing)),
  )

const dateField = (missing: string) => z.string({ error: missing }).check(z.trim(), z.minLength(1, missing))

type Issues = { issues: { push(issue: { code: 'custom'; input: unknown; path: string[]; message: string }): unknown } }
const problem = (ctx: Issues, field: string, message: string) => ctx.issues.push({ code: 'custom', input: undefined, path: [field], message })

/** The first and last clinic dates a patient may wait for: from today to the end of the booking horizon. */
export const waitlistDates = (now: Date, settings: Pick<Settings, 'timeZone' | 'booking'>) => {
  const first = zonedDate(now, settings.timeZone)
  return { first, last: addDays(first, settings.booking.horizonDays) }
}

/** The first clinic date an entry can still be offered: its first date, or today once that has passed. */
export const firstDateAhead = (fromDate: string, now: Date, settings: Pick<Settings, 'timeZone' | 'booking'>): string => {
  const { first } = waitlistDates(now, settings)
  return fromDate < first ? first : fromDate
}

function checkDates(fields: Record<string, unknown>, ctx: Issues, now: Date, settings: Settings): void {
  const { first, last } = waitlistDates(now, settings)
  const { fromDate, toDate } = fields
  const fromOk = typeof fromDate === 'string' && isCalendarDate(fromDate)
  const toOk = typeof toDate === 'string' && isCalendarDate(toDate)
  if (typeof fromDate === 'string' && !fromOk) problem(ctx, 'fromDate', 'Enter a real date, for example 2047-03-14')
  if (typeof toDate === 'string' && !toOk) problem(ctx, 'toDate', 'Enter a real date, for example 2047-03-28')
  if (fromOk && fromDate < first) problem(ctx, 'fromDate', 'Choose a first date from today on')
  if (toOk && toDate > last) problem(ctx, 'toDate', `Choose a last date within the next ${settings.booking.horizonDays} days`)
  if (fromOk && toOk && toDate < fromDate) problem(ctx, 'toDate', 'The last date must be on or after the first date')
}

/**
 * The waitlist form's schema, checked against the settings (treatments
 * offered, horizon) and the moment of each parse, as the booking form's.
 */
export function waitlistSchema(settings: () => Settings, clock: () => Date) {
  return z.pipe(
    z
      .object({
        service: z.string({ error: 'Choose a treatment' }),
        fromDate: dateField('Enter the first date you could come'),
        toDate: dateField('Enter the last date you could come'),
        days: listOf(weekdayChoices, 'Choose the days of the week you could come'),
        parts: listOf(dayPeriods, 'Choose the parts of the day you could come'),
        name,
        email,
        phone: z.optional(blankAsMissing(z.optional(phone(() => settings().address.country)))),
        patientStatus: choice(['new', 'returning'], 'Tell us whether you are a new or returning patient'),
        consent,
      })
      .check(
        z.superRefine((input, ctx) => {
          const fields = input as Record<string, unknown>
          const config = settings()
          const service = config.allServices.find((candidate) => candidate.id === fields.service)
          if (typeof fields.service === 'string' && !service?.visible) problem(ctx, 'service', 'Choose a treatment')
          checkDates(fields, ctx, clock(), config)
        }, alwaysCheck),
      ),
    z.transform((input) => ({
      ...input,
      days: input.days as Weekday[],
      parts: input.parts as DayPeriod[],
      patientStatus: input.patientStatus as 'new' | 'returning',
    })),
  )
}

const weekMs = 7 * 24 * 3_600_000

/** An entry ends `weeks` after joining, or at the end of the last date it waits for if that comes first. */
export function waitlistExpiry(joinedAt: Date, weeks: number, toDate: string, timeZone: string): Date {
  const rangeEnd = zonedInstant(addDays(toDate, 1), '00:00', timeZone).getTime()
  return new Date(Math.min(joinedAt.getTime() + weeks * weekMs, rangeEnd))
}
