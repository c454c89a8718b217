import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import { isCalendarDate, zonedInstant } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import {
  beyondHorizonAdvice,
  bookedMinutes,
  type ConfirmOffer,
  isBeyondHorizon,
  isOffered,
  planReminders,
  readRevision,
  requestStatuses,
  requests,
  timesFreeSql,
  transitions,
} from '../../bookings'
import {
  changeStatus,
  confirmBooking,
  loadConfirmOffers,
  loadRequestDetail,
  refuseImpossible,
  refuseOverlap,
  requeueNotification,
  saveNote,
} from '../../bookings/admin'
import { enqueue } from '../../notifications'
import { currentSettings } from '../../settings'
import { createBookQuestionRoutes } from './book-question'
import { createReplyRoutes } from './replies'
import { back, notFound, renderRequestPage } from './request-page'

const statusSchema = z.object({ status: z.enum(requestStatuses) })
const noteSchema = z.object({ note: z.string().check(z.trim(), z.maxLength(5000)) })
const confirmSchema = z.object({
  slot: z.string(),
  otherDate: z.optional(z.string()),
  otherStart: z.optional(z.string()),
  overlap: z.optional(z.string()),
})
const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/
const offeredSlot = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/

/**
 * The date and local start the practitioner chose: one of the starts still
 * offered for the patient's times (`offers`, read afresh: free now), or another
 * date and any start still ahead, at most two years.
 */
function chosenStart(input: z.output<typeof confirmSchema>, offers: readonly ConfirmOffer[], now: Date): { date: string; time: string } {
  if (input.slot !== 'other') {
    const [, date = '', time = ''] = offeredSlot.exec(input.slot) ?? []
    if (!isOffered(input.slot, offers)) {
      throw new Refusal(
        422,
        'Check the form',
        'That start is not one of those offered: it may have passed or no longer be free. Reload the request and choose another start.',
      )
    }
    return { date, time }
  }
  const date = input.otherDate ?? ''
  const time = input.otherStart ?? ''
  if (!isCalendarDate(date) || !clockTime.test(time))
    throw new Refusal(422, 'Check the form', 'For another date, enter the date and a start time such as 09:30.')
  // Only the past and beyond two years are refused: the practitioner may agree any day or hour
  // with the patient, outside opening hours and the patients' booking window included.
  const start = zonedInstant(date, time, currentSettings().timeZone)
  if (start <= now) throw new Refusal(422, 'Check the form', 'The appointment must start in the future. Choose a later day or time.')
  if (isBeyondHorizon(start, now)) throw new Refusal(422, 'Check the form', beyondHorizonAdvice)
  return { date, time }
}

function parse<T>(schema: z.ZodMiniType<T>, fields: Record<string, string>, message: string): T {
  const result = schema.safeParse(fields)
  if (!result.success) throw new Refusal(422, 'Check the form', message)
  return result.data
}

/**
 * A request's page and what the practitioner does with it; `clock` is the
 * moment offers and actions are judged at, fixed in tests.
 */
export const createRequestRoutes = ({ clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<AdminEnv>()
    .get('/:id', (c) => renderRequestPage(c, clock()))
    .route('/', createReplyRoutes({ clock }))
    .route('/', createBookQuestionRoutes({ clock }))
    .post('/:id/status', async (c) => {
      const { status } = parse(statusSchema, displayValues(await readFields(c)), 'Choose one of the listed statuses.')
      const outcome = await changeStatus(c.var.db, { id: c.req.param('id'), status, actor: c.get('admin'), now: clock() })
      if (outcome === 'not-found') throw notFound()
      if (outcome === 'conflict') throw new Refusal(409, 'Status changed meanwhile', 'The status was changed by someone else. Reload the request.')
      return back(c, 'status')
    })
    .post('/:id/note', async (c) => {
      const { note } = parse(noteSchema, displayValues(await readFields(c)), 'A note can be at most 5,000 characters.')
      if (!(await saveNote(c.var.db, { id: c.req.param('id'), note, actor: c.get('admin'), now: clock() }))) throw notFound()
      return back(c, 'note')
    })
    .post('/:id/notifications/:notificationId/resend', async (c) => {
      const input = { requestId: c.req.param('id'), notificationId: c.req.param('notificationId'), actor: c.get('admin'), now: clock() }
      const generation = await requeueNotification(c.var.db, input)
      if (generation === null) {
        throw new Refusal(409, 'Already on its way', 'That notification is already waiting to be sent, or no longer exists.')
      }
      await enqueue(c.env.NOTIFY_QUEUE, [input.notificationId], generation)
      return back(c, 'resent')
    })
    .post('/:id/confirm', async (c) => {
      const db = c.var.db
      const detail = await loadRequestDetail(db, c.req.param('id'))
      if (detail?.request.kind !== 'booking') throw notFound()
      const fields = displayValues(await readFields(c))
      const input = parse(confirmSchema, fields, 'Choose a start, or another date and a start time such as 09:30.')
      const minutes = bookedMinutes(detail.request, currentSettings())
      const now = clock()
      refuseImpossible(detail.request, 'confirm', now)
      const offers = input.slot === 'other' ? [] : await loadConfirmOffers(db, { times: detail.times, minutes, settings: currentSettings(), now })
      const [, slotDate = '', slotTime = ''] = offeredSlot.exec(input.slot) ?? []
      if (slotDate !== '' && !isOffered(input.slot, offers)) {
        // A start taken since the page was shown: name the appointment that holds it, when one does.
        const taken = zonedInstant(slotDate, slotTime, currentSettings().timeZone)
        await refuseOverlap(db, [{ start: taken, end: new Date(taken.getTime() + minutes * 60_000) }], detail.request.id)
      }
      const { date, time } = chosenStart(input, offers, now)
      const start = zonedInstant(date, time, currentSettings().timeZone)
      const range = { start, end: new Date(start.getTime() + minutes * 60_000) }
      // Only the practitioner's explicit choice books over another confirmed appointment; the check is part of the write.
      const mayOverlap = input.overlap === 'allow'
      const shown = eq(requests.appointmentRevision, readRevision(fields))
      const notificationId = await confirmBooking(db, {
        id: detail.request.id,
        guard: transitions.confirm,
        ...range,
        condition: and(shown, mayOverlap ? undefined : timesFreeSql([range], detail.request.id)),
        actor: c.get('admin'),
        now,
        label: `${date} ${time} (${currentSettings().timeZone})`,
        reminders: planReminders({ start, now, policy: currentSettings().policy, config: currentSettings() }),
      })
      if (!notificationId) {
        // Lost a race (another tab, the patient's choice, the expiry): say what the booking became.
        const current = await loadRequestDetail(db, detail.request.id)
        if (current) refuseImpossible(current.request, 'confirm', now)
        if (!mayOverlap) await refuseOverlap(db, [range], detail.request.id)
        throw new Refusal(409, 'Changed meanwhile', 'This booking was changed meanwhile, so nothing was saved. Reload the request to see where it stands.')
      }
      await enqueue(c.env.NOTIFY_QUEUE, [notificationId])
      return back(c, 'confirmed')
    })

export const requestRoutes = createRequestRoutes()
