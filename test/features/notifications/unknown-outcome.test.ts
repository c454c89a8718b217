import { afterEach, describe, expect, it, vi } from 'vitest'
import { leaseMs } from '../../../src/features/notifications/consumer'
import { emailTimeoutMs, NoAnswerError, sendEmail } from '../../../src/features/notifications/email'
import { crons } from '../../../src/worker'
import { adminGet, adminPost, signIn } from '../../helpers/admin'
import { recordingQueue } from '../../helpers/bindings'
import { contactFields } from '../../helpers/forms'
import { deliver, loadRow, recordingEmail, recordingMessages, runCron, silentEmail, submit } from '../../helpers/notify'

afterEach(() => {
  vi.useRealTimers()
})

/** A bound short enough to keep the tests fast; the real one is emailTimeoutMs. */
const testBoundMs = 20
const noAnswer = 'no answer from the email service within 0.02 s; it may have been sent'

describe('an email send with no answer', () => {
  it('ends unknown after the bound: acked, recorded as may have been sent, never retried by itself', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id

    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL: silentEmail() }, consumer: { emailTimeoutMs: testBoundMs } })
    expect(result.explicitAcks).toEqual(ids)
    expect(result.retryMessages).toEqual([])
    expect(await loadRow(id)).toMatchObject({ status: 'unknown', attempts: 1, lastError: noAnswer, claimedUntil: null, sentAt: null })

    // A duplicate of its message (a redelivery, a sweep copy) sends nothing, and the sweep leaves it alone.
    const email = recordingEmail()
    const again = await deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL: email.binding }, attempts: 2 })
    expect(again.result.explicitAcks).toEqual(again.ids)
    expect(email.sent).toEqual([])
    const queue = recordingQueue()
    await runCron(crons.sweep, new Date(Date.now() + 24 * 60 * 60 * 1000), { NOTIFY_QUEUE: queue.binding })
    expect(queue.enqueued).not.toContain(id)
    expect(await loadRow(id)).toMatchObject({ status: 'unknown', attempts: 1 })
  })

  it('waits 15 s by default, well inside the consumer lease', async () => {
    vi.useFakeTimers()
    const message = { from: 'notifications@clinic.example.com', to: 'practitioner@clinic.example.com', subject: 'Test', text: 'Test' }
    const sending = sendEmail(silentEmail(), message)
    const settled = vi.fn()
    sending.catch(settled)
    await vi.advanceTimersByTimeAsync(emailTimeoutMs - 1)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    const error = await sending.catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(NoAnswerError)
    expect((error as Error).message).toBe('no answer from the email service within 15 s; it may have been sent')
    expect(leaseMs).toBeGreaterThanOrEqual(8 * emailTimeoutMs)
  })

  it('an answer within the bound is a normal send', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const email = recordingEmail({ delayMs: 5 })
    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL: email.binding }, consumer: { emailTimeoutMs: 1000 } })
    expect(result.explicitAcks).toEqual(ids)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', providerMessageId: email.sent[0]!.messageId })
  })

  it('the inbox shows it as may have been sent, with a resend that starts a new delivery', async () => {
    const { request, channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    await deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL: silentEmail() }, consumer: { emailTimeoutMs: testBoundMs } })

    const session = await signIn()
    const page = await (await adminGet(session, `/admin/requests/${request.id}`)).text()
    expect(page).toContain('<span class="badge delivery-unknown">may have been sent</span>')
    expect(page).toContain(`<td data-label="Details">${noAnswer}</td>`)
    expect(page).toContain(`action="/admin/requests/${request.id}/notifications/${id}/resend"`)

    const queue = recordingMessages()
    const resent = await adminPost(session, `/admin/requests/${request.id}/notifications/${id}/resend`, {}, { NOTIFY_QUEUE: queue.binding })
    expect(resent.status).toBe(303)
    expect(queue.bodies).toEqual([{ notificationId: id, generation: 1 }])
    const email = recordingEmail()
    await deliver(queue.bodies, { env: { EMAIL: email.binding } })
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', attempts: 2, generation: 1, lastError: null })
  })
})
