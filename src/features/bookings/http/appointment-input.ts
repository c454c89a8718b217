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

const slotPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/

/**
 * A start chosen from the offered free starts ("2046-03-05T09:30", the clinic's
 * wall clock) as the appointment's time, or null when the value is no such
 * start. Whether it is still free is the caller's question to the free times.
 */
function readSlot(slot: string, minutes: number): EnteredTime | null {
  const [, date = '', time = ''] = slotPattern.exec(slot.trim()) ?? []
  if (!isCalendarDate(date) || !clockTime.test(time)) return null
  const start = zonedInstant(date, time, currentSettings().timeZone)
  return { start, end: new Date(start.getTime() + minutes * 60_000), label: `${date} ${time}` }
}

/** One to three times chosen from the offered free starts, fields slot1 … slot3; a blank choice is skipped. */
export function readProposedTimes(fields: Record<string, string>, minutes: number): EnteredTime[] {
  const chosen = [1, 2, 3].map((n) => fields[`slot${n}`]?.trim() ?? '').filter((slot) => slot !== '')
  if (chosen.length === 0) throw checkForm('Propose at least one time: choose a free start.')
  const times = chosen.map((slot) => readSlot(slot, minutes))
  if (times.some((time) => time === null)) throw checkForm('Choose each time from the free starts offered.')
  const read = times as EnteredTime[]
  if (new Set(read.map((time) => time.start.getTime())).size < read.length) throw checkForm('Each proposed time must be a different start.')
  return read
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

/**
 * The new time of a moved appointment: a free start chosen from those offered
 * (`offered` true), or, with slot "other", a date and start entered by hand,
 * which may overlap when the practitioner says so.
 */
export function readNewTime(fields: Record<string, string>, minutes: number, now: Date): EnteredTime & { offered: boolean } {
  const slot = fields.slot?.trim() ?? ''
  if (slot !== 'other') {
    const time = readSlot(slot, minutes)
    if (!time) throw checkForm('Choose a free start, or “Another date and time” and enter it below.')
    return { ...time, offered: true }
  }
  const result = moveSchema.safeParse(fields)
  if (!result.success) throw checkForm('Enter the new date and a start time such as 09:30.')
  return { ...readTime(result.data.date.trim(), result.data.start.trim(), minutes, now), offered: false }
}
