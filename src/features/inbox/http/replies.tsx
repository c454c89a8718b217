import { Hono } from 'hono'
import * as z from 'zod/mini'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import type { AdminEnv } from '../../admin-access'
import { sendReply } from '../../bookings/admin'
import { enqueue } from '../../notifications'
import { maxReplyLength } from '../views/ThreadSection'
import { back, notFound, renderRequestPage } from './request-page'

const keySchema = z.uuid()

/** Why a message cannot be sent as typed, or undefined when it can. */
function refusalOf(body: string): string | undefined {
  if (body === '') return 'Write a message before sending it.'
  if (body.length > maxReplyLength)
    return `A message can be at most 5,000 characters; this one has ${body.length.toLocaleString('en-US')}. Shorten it and send again.`
  return undefined
}

/**
 * The practitioner's message to the patient (POST /:id/replies). The form's
 * key makes a double submit or a retried POST store one message and answer
 * the same 303; a message that cannot be sent shows the page again with the
 * words kept.
 */
export const createReplyRoutes = ({ clock }: { clock: () => Date }) =>
  new Hono<AdminEnv>().post('/:id/replies', async (c) => {
    const fields = displayValues(await readFields(c))
    const key = keySchema.safeParse(fields.key)
    if (!key.success) throw new Refusal(400, 'Reload the request', 'This message form is incomplete. Reload the request’s page and write the message again.')
    const body = (fields.body ?? '').replace(/\r\n?/g, '\n').trim()
    const error = refusalOf(body)
    if (error) return renderRequestPage(c, clock(), { box: { body: fields.body ?? '', key: key.data, error } })
    const sent = await sendReply(c.var.db, { requestId: c.req.param('id'), key: key.data, body, actor: c.get('admin'), now: clock() })
    if (sent.stored === 'now') await enqueue(c.env.NOTIFY_QUEUE, [sent.notificationId])
    if (sent.stored !== 'no') return back(c, 'replied')
    if (sent.reason === 'not-found') throw notFound()
    if (sent.reason === 'spam')
      throw new Refusal(409, 'Marked as spam', 'This request is marked spam, so no message is sent to it. If it is a real patient, change its status first.')
    throw new Refusal(409, 'Reload the request', 'This message form belongs to another request. Reload the request’s page and write the message again.')
  })
