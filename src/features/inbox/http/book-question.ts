import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import type { AdminEnv } from '../../admin-access'
import { requests } from '../../bookings'
import { bookQuestion } from '../../bookings/admin'
import { currentSettings } from '../../settings'
import { back, notFound } from './request-page'

/**
 * A question made a booking request from its page (POST /:id/booking): the
 * same request, so the patient keeps one reference and one conversation, and
 * the page then offers Propose and Confirm for the treatment chosen here.
 */
export const createBookQuestionRoutes = ({ clock }: { clock: () => Date }) =>
  new Hono<AdminEnv>().post('/:id/booking', async (c) => {
    const { service: serviceId } = displayValues(await readFields(c))
    const service = currentSettings().services.find((candidate) => candidate.id === serviceId)
    if (!service) throw new Refusal(422, 'Check the form', 'Choose one of the listed treatments for the appointment.')
    const id = c.req.param('id')
    const { name, durationMinutes, priceCents } = service
    if (await bookQuestion(c.var.db, { id, service: { id: service.id, name, durationMinutes, priceCents }, actor: c.get('admin'), now: clock() }))
      return back(c, 'booking')
    const [request] = await c.var.db.select({ kind: requests.kind, status: requests.status }).from(requests).where(eq(requests.id, id))
    if (!request) throw notFound()
    if (request.kind === 'booking')
      throw new Refusal(409, 'Already a booking', 'This request is already a booking request. Reload its page to propose times or confirm one.')
    throw new Refusal(409, 'Marked as spam', 'This request is marked spam. If it is a real patient, change its status first.')
  })
