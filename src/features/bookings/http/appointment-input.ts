import * as z from 'zod/mini'
import { Refusal } from '../../../platform/refusal'
import { isCalendarDate, zonedInstant } from '../../../platform/time-zone'
import { currentSettings } from '../../settings'
import { beyondHorizonAdvice, isBeyondHorizon } from '../domain/horizon'
import type { TimeRange } from '../store/appointment-queries'

/** A time the practitioner entered: its instants and how the history records it. */
export interface EnteredTime extends TimeRange {
  label: string
}

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/
const checkForm = (message: string) => new Refusal(422, 'Check the form', message)

/**
 * A date and start on the clinic's wall clock as the appointment's start and
 * end (start plus the treatment's `minutes`). Any future day or hour up to two
 * years ahead is accepted, as when confirming: the practitioner agrees times
 * outside the patients' booking window too.
 */
function readTime(date: string, time: string, minutes: number, now: Date): EnteredTime {
  if (!isCalendarDate(date) || !clockTime.test(time)) throw checkForm('Enter each time as a date and a start time such as 09:30.')
  const start = zonedInstant(date, time, currentSettings().timeZone)
  if (start <= now) throw checkForm('Every time must be in the future. Choose a later day or time.')
  if (isBeyondHorizon(start, now)) throw checkForm(beyondHorizonAdvice)
  return { start, end: new Date(start.getTime() + minutes * 60_000), label: `${date} ${time}` }
}

/** One to three times from the fields date1/start1 … date3/start3; rows left blank are skipped, a half-filled one is refused. */
export function readProposedTimes(fields: Record<string, string>, minutes: number, now: Date): EnteredTime[] {
  const rows = [1, 2, 3].map((n) => [fields[`date${n}`]?.trim() ?? '', fields[`start${n}`]?.trim() ?? ''] as const)
  const filled = rows.filter(([date, time]) => date !== '' || time !== '')
  if (filled.length === 0) throw checkForm('Propose at least one time: a date and a start time such as 09:30.')
  const times = filled.map(([date, time]) => readTime(date, time, minutes, now))
  if (new Set(times.map((time) => time.start.getTime())).size < times.length) throw checkForm('Each proposed time must be a different start.')
  return times
}

const reasonText = z.string().check(z.trim(), z.maxLength(300))
const declineSchema = z.object({ reason: reasonText.check(z.minLength(1)) })
const cancelSchema = z.object({ reason: z.optional(reasonText) })
const moveSchema = z.object({ date: z.string(), start: z.string() })

/** The reason a decline must give the patient (1 to 300 characters). */
export function readDeclineReason(fields: Record<string, string>): string {
  const result = declineSchema.safeParse(fields)
  if (!result.success) throw checkForm('Give the patient a short reason for declining, at most 300 characters.')
  return result.data.reason
}

/** The optional reason for a cancellation (at most 300 characters), or null when left blank. */
export function readCancelReason(fields: Record<string, string>): string | null {
  const result = cancelSchema.safeParse(fields)
  if (!result.success) throw checkForm('A reason can be at most 300 characters.')
  return result.data.reason || null
}

/**
 * The appointment revision the form's page showed (its hidden field): the
 * write is guarded on it, so a change from an older page writes nothing.
 */
export function readRevision(fields: Record<string, string>): number {
  const revision = fields.revision?.trim() ?? ''
  if (!/^\d{1,9}$/.test(revision)) throw checkForm('This form is out of date. Reload the request and try again.')
  return Number(revision)
}

/** The new time of a moved appointment. */
export function readNewTime(fields: Record<string, string>, minutes: number, now: Date): EnteredTime {
  const result = moveSchema.safeParse(fields)
  if (!result.success) throw checkForm('Enter the new date and a start time such as 09:30.')
  return readTime(result.data.date.trim(), result.data.start.trim(), minutes, now)
}
