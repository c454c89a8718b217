import { and, eq, type SQL } from 'drizzle-orm'
import { type Context, Hono } from 'hono'
import type { Db } from '../../../platform/database'
import { zoneInWords } from '../../../platform/dates'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import { zonedDate } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { enqueue } from '../../notifications'
import { currentSettings } from '../../settings'
import { isBeyondHorizon } from '../domain/horizon'
import { planReminders } from '../domain/reminders'
import { type AppointmentAction, transitions } from '../domain/states'
import { bookedMinutes } from '../domain/treatment'
import { type OutcomeState, outcomeStates } from '../domain/vocabulary'
import { findBooking, findOverlaps, replaceProposals, type TimeRange, timesFreeSql } from '../store/appointment-queries'
import { applyTransition, type TransitionGuard, type TransitionWrite } from '../store/appointments'
import { loadPractitionerFreeStarts } from '../store/practitioner-times'
import { type RequestRow, requests } from '../store/schema'
import type { AppointmentFlash } from '../views/AppointmentPanel'
import { type EnteredTime, readCancelReason, readDeclineReason, readNewTime, readProposedTimes, readRevision } from './appointment-input'
import { refuseImpossible, refuseOverlap } from './appointment-refusal'

const outcomeActions: Record<OutcomeState, AppointmentAction> = { attended: 'attended', 'no-show': 'noShow', 'late-cancelled': 'lateCancelled' }

/** The booking as read before the action, with the form and the moment the action is judged at. */
interface Step {
  db: Db
  booking: RequestRow
  fields: Record<string, string>
  now: Date
  actor: string
}

async function readStep(c: Context<AdminEnv>, id: string, now: Date): Promise<Step> {
  const db = c.var.db
  const booking = await findBooking(db, id)
  if (!booking) throw new Refusal(404, 'Booking not found', 'There is no booking with that address. It may have been erased.')
  return { db, booking, fields: displayValues(await readFields(c)), now, actor: c.get('admin') }
}

const minutesOf = (booking: RequestRow) => bookedMinutes(booking, currentSettings())
const labelOf = (times: readonly { label: string }[]) => {
  const { timeZone, locale } = currentSettings()
  return `${times.map((time) => time.label).join(', ')} (${zoneInWords(timeZone, locale)})`
}

/**
 * The parts of a transition every action shares, guarded on the revision the
 * form's page showed (and on `condition`, when the action has one).
 */
const writeOf = (step: Step, guard: TransitionGuard, condition?: SQL): TransitionWrite => ({
  id: step.booking.id,
  guard,
  actor: step.actor,
  now: step.now,
  condition: and(eq(requests.appointmentRevision, readRevision(step.fields)), condition),
})

/** A notification to the patient about their appointment, on the channel whose email depends on the topic. */
const patientEmail = (topic: 'proposed' | 'declined' | 'moved' | 'cancelled') => ({ id: crypto.randomUUID(), channel: 'appointment', topic }) as const

async function refuseTaken(step: Step, times: readonly TimeRange[]): Promise<void> {
  const taken = await findOverlaps(step.db, times, step.booking.id)
  if (taken.length > 0) {
    throw new Refusal(
      422,
      'Check the form',
      `A proposed time overlaps a confirmed appointment (${taken.map((other) => other.reference).join(', ')}). Choose another time.`,
    )
  }
}

/**
 * 422 unless every chosen time is still one of the free starts the forms offer
 * (the booking's own time not held against it): a page read before a booking,
 * a busy block or a settings change may offer a start that is gone. The
 * guarded write still checks confirmed appointments for a race after this read.
 */
async function refuseNotFree(step: Step, times: readonly EnteredTime[]): Promise<void> {
  const gone = () =>
    new Refusal(422, 'Check the form', 'A chosen time is no longer free, or has passed. Reload the request and choose another of its free starts.')
  // Past or beyond two years is never free: answered without reading the free times of such a date.
  if (times.some((time) => time.start <= step.now || isBeyondHorizon(time.start, step.now))) throw gone()
  const settings = currentSettings()
  const dates = [...new Set(times.map((time) => zonedDate(time.start, settings.timeZone)))]
  const asked = { settings, durationMinutes: minutesOf(step.booking), now: step.now, excluding: step.booking.id }
  const free = new Set((await Promise.all(dates.map((date) => loadPractitionerFreeStarts(step.db, { ...asked, from: date, to: date })))).flat())
  if (times.some((time) => !free.has(time.start.getTime()))) throw gone()
}

/**
 * Answers a written transition with the request page and queues its emails
 * (best effort: a lost send stays pending and the sweep sends it); a write
 * whose guard matched nothing is a 409, with nothing written.
 */
async function settle(c: Context<AdminEnv>, step: Step, write: TransitionWrite, done: AppointmentFlash) {
  if (!(await applyTransition(step.db, write))) {
    throw new Refusal(
      409,
      'Changed meanwhile',
      'This appointment was changed meanwhile (in another tab, by the patient or by the clinic’s schedule), so nothing was saved. Reload the request to see where it stands.',
    )
  }
  await enqueue(
    c.env.NOTIFY_QUEUE,
    (write.notifications ?? []).map((notification) => notification.id),
  )
  return c.redirect(`/admin/requests/${write.id}?done=${done}`, 303)
}

/**
 * The practitioner's answers to a booking and the record of how its
 * appointment went; `clock` is the moment each action is judged at, fixed in tests.
 */
export const createAppointmentRoutes = ({ clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<AdminEnv>()
    .post('/:id/propose', async (c) => {
      const step = await readStep(c, c.req.param('id'), clock())
      refuseImpossible(step.booking, 'propose', step.now)
      const times = readProposedTimes(step.fields, minutesOf(step.booking))
      await refuseNotFree(step, times)
      const write = {
        ...writeOf(step, transitions.propose, timesFreeSql(times, step.booking.id)),
        note: labelOf(times),
        notifications: [patientEmail('proposed')],
        alongside: replaceProposals(step.db, times),
      }
      // The write matches nothing when a time overlaps a confirmed appointment (checked in the
      // batch, so one confirmed a moment ago counts): then say which, rather than "changed meanwhile".
      // Moving does the same.
      return settle(c, step, write, 'proposed').catch(async (error: unknown) => {
        if (error instanceof Refusal && error.status === 409) await refuseTaken(step, times)
        throw error
      })
    })
    .post('/:id/decline', async (c) => {
      const step = await readStep(c, c.req.param('id'), clock())
      refuseImpossible(step.booking, 'decline', step.now)
      const reason = readDeclineReason(step.fields)
      return settle(
        c,
        step,
        { ...writeOf(step, transitions.decline), set: { appointmentReason: reason }, notifications: [patientEmail('declined')] },
        'declined',
      )
    })
    .post('/:id/move', async (c) => {
      const step = await readStep(c, c.req.param('id'), clock())
      refuseImpossible(step.booking, 'move', step.now)
      const time = readNewTime(step.fields, minutesOf(step.booking), step.now)
      if (time.offered) await refuseNotFree(step, [time])
      // Only a time entered by hand may overlap, and only by the practitioner's explicit choice.
      const mayOverlap = !time.offered && step.fields.overlap === 'allow'
      const write = {
        ...writeOf(step, transitions.move, mayOverlap ? undefined : timesFreeSql([time], step.booking.id)),
        note: labelOf([time]),
        set: { confirmedStart: time.start, confirmedEnd: time.end },
        bumpSequence: true,
        notifications: [patientEmail('moved')],
        reminders: planReminders({ start: time.start, now: step.now, policy: currentSettings().policy, config: currentSettings() }),
      }
      return settle(c, step, write, 'moved').catch(async (error: unknown) => {
        if (error instanceof Refusal && error.status === 409 && !mayOverlap) await refuseOverlap(step.db, [time], step.booking.id)
        throw error
      })
    })
    .post('/:id/cancel', async (c) => {
      const step = await readStep(c, c.req.param('id'), clock())
      refuseImpossible(step.booking, 'cancel', step.now)
      const reason = readCancelReason(step.fields)
      const write = {
        ...writeOf(step, transitions.cancel),
        set: { cancelledBy: 'clinic', appointmentReason: reason },
        bumpSequence: true,
        notifications: [patientEmail('cancelled')],
      } as const
      return settle(c, step, write, 'cancelled')
    })
    .post('/:id/outcome', async (c) => {
      const step = await readStep(c, c.req.param('id'), clock())
      const outcome = outcomeStates.find((state) => state === step.fields.outcome)
      if (!outcome) throw new Refusal(422, 'Check the form', 'Choose attended, did not attend or cancelled too late.')
      const action = outcomeActions[outcome]
      refuseImpossible(step.booking, action, step.now)
      return settle(c, step, writeOf(step, transitions[action]), outcome)
    })

export const appointmentRoutes = createAppointmentRoutes()
