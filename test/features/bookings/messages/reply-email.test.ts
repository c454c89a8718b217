import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { replyAddressOf } from '../../../../src/features/bookings/messages/reply-address'
import { findRequestByManageToken } from '../../../../src/features/bookings/store/manage-tokens'
import { sendReply } from '../../../../src/features/bookings/store/replies'
import { requests } from '../../../../src/features/bookings/store/schema'
import { listThread } from '../../../../src/features/bookings/store/thread'
import { queueNames } from '../../../../src/features/notifications/message'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { storeBooking } from '../../../helpers/manage'
import { deliver, failingEmail, loadRow, recordingEmail, recordingMessages } from '../../../helpers/notify'
import { interceptResend, viaResend } from '../../../helpers/resend'

afterEach(() => vi.restoreAllMocks())

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const storedAt = new Date('2072-05-04T16:00:00Z')
const now = new Date('2072-05-04T17:00:00Z')

/** A request of `kind` with one message from the clinic written to it; returns the request and the message's outbox row id. */
async function withReply(kind: 'contact' | 'booking', body = 'Hello,\n\nWe can see you on Tuesday at ten.\nPlease bring <your> notes & scans.') {
  const { id, reference } = await storeBooking(storedAt, { kind })
  const sent = await sendReply(db(), { requestId: id, key: crypto.randomUUID(), body, actor: 'practitioner', now })
  if (sent.stored !== 'now') throw new Error('the message was not stored')
  const [request] = await db().select().from(requests).where(eq(requests.id, id))
  return { request: request!, reference, notificationId: sent.notificationId }
}

/** Sends one outbox row through the real queue handler and the real email binding; returns what the binding accepted. */
async function send(notificationId: string, overrides: Partial<Env> = {}) {
  const email = recordingEmail()
  const { ids, result } = await deliver([{ notificationId, generation: 0 }], { env: { EMAIL: email.binding, ...overrides }, consumer: { now: () => now } })
  expect(result.explicitAcks).toEqual(ids)
  expect(email.sent).toHaveLength(1)
  return email.sent[0]!
}

const deliveryOf = async (requestId: string) => (await listThread(db(), requestId)).map((entry) => entry.delivery?.status)

describe('the practitioner’s message by email', () => {
  it('carries their words as paragraphs, the reference, a fixed subject and the request’s reply address', async () => {
    const { request, reference, notificationId } = await withReply('contact')
    const message = await send(notificationId)
    expect(message.to).toBe(request.email)
    expect(message.subject).toBe(`Re: your request ${reference}`)
    expect(message.replyTo).toBe(await replyAddressOf(env.FORM_SECRET, 'replies@clinic.example.com', request))
    expect(message.text).toContain(
      `A message from Example Acupuncture Clinic\n\nHello,\n\nWe can see you on Tuesday at ten.\nPlease bring <your> notes & scans.\n\nReference: ${reference}`,
    )
    expect(message.html).toContain('>Hello,</p>')
    expect(message.html).toContain('>We can see you on Tuesday at ten.\nPlease bring &lt;your&gt; notes &amp; scans.</p>')
    // A question has no appointment page to point to.
    expect(message.text).not.toContain('/manage/')
    expect(await loadRow(notificationId)).toMatchObject({ status: 'sent' })
  })

  it('gives a booking the button to the patient’s page, and answers to the clinic when no reply address is set', async () => {
    const { request, notificationId } = await withReply('booking')
    const message = await send(notificationId, { REPLY_ADDRESS: '' })
    expect(message.replyTo).toBe('hello@clinic.example.com')
    const token = /Your appointment page: https:\/\/clinic\.example\.com\/manage\/([0-9a-f]{32})\n/.exec(message.text!)?.[1]
    expect(token, message.text).toBeDefined()
    expect((await findRequestByManageToken(db(), token!))?.request.id).toBe(request.id)
  })
})

describe('the message’s delivery, exactly once', () => {
  it('sends one email when the queue delivers the same message twice, at once or later', async () => {
    const { request, notificationId } = await withReply('contact')
    expect(await deliveryOf(request.id)).toEqual(['pending'])
    const email = recordingEmail({ delayMs: 50 })
    const body = { notificationId, generation: 0 }
    const twice = await deliver([body, body], { env: { EMAIL: email.binding }, consumer: { now: () => now } })
    // One takes the send lease and sends; the other finds it held and waits for a later delivery instead of sending too.
    expect(twice.result.explicitAcks).toHaveLength(1)
    expect(twice.result.retryMessages).toHaveLength(1)
    const again = await deliver([body], { env: { EMAIL: email.binding }, consumer: { now: () => now } })
    expect(again.result.explicitAcks).toEqual(again.ids)
    expect(email.sent).toHaveLength(1)
    expect(await deliveryOf(request.id)).toEqual(['sent'])
  })

  it('is not sent once its request was marked as spam after it was written, and says why', async () => {
    const { request, notificationId } = await withReply('contact')
    await db().update(requests).set({ status: 'spam' }).where(eq(requests.id, request.id))
    const email = recordingEmail()
    const { ids, result } = await deliver([{ notificationId, generation: 0 }], { env: { EMAIL: email.binding }, consumer: { now: () => now } })
    expect(result.explicitAcks).toEqual(ids)
    expect(email.sent).toHaveLength(0)
    expect(await loadRow(notificationId)).toMatchObject({ status: 'skipped', lastError: 'superseded: the request was marked as spam' })
  })

  it('retries with the same bytes under the same idempotency key', async () => {
    const { notificationId } = await withReply('booking')
    let calls = 0
    const seen = interceptResend(async () => (++calls === 1 ? new Response('busy', { status: 503 }) : Response.json({ id: 're-reply' })))
    const first = await deliver([{ notificationId, generation: 0 }], { env: viaResend, consumer: { now: () => now } })
    expect(first.result.retryMessages).toHaveLength(1)
    await deliver([{ notificationId, generation: 0 }], { env: viaResend, attempts: 2, consumer: { now: () => new Date(now.getTime() + 60_000) } })
    expect(seen).toHaveLength(2)
    expect(seen.map((call) => call.headers.get('Idempotency-Key'))).toEqual([`${notificationId}:0`, `${notificationId}:0`])
    expect(seen[1]!.body).toEqual(seen[0]!.body)
    expect(await loadRow(notificationId)).toMatchObject({ status: 'sent', providerMessageId: 're-reply' })
  })

  it('shows pending, then failed once the retries are spent, then sent after a resend', async () => {
    const { request, notificationId } = await withReply('contact')
    const pageStates = async () =>
      [
        ...(await (await adminGet(session, `/admin/requests/${request.id}`)).text()).matchAll(
          /<li class="thread-clinic"><p class="meta">[^<]*<span [^>]*>([^<]*)</g,
        ),
      ].map((match) => match[1])
    expect(await pageStates()).toEqual(['pending'])
    const down = failingEmail(new Error('Email Service: 503'))
    const failed = await deliver([{ notificationId, generation: 0 }], { env: { EMAIL: down }, attempts: 9 })
    expect(failed.result.retryMessages).toHaveLength(1)
    expect(await pageStates()).toEqual(['pending'])
    await deliver([{ notificationId, generation: 0 }], { queue: queueNames.deadLetter })
    expect(await pageStates()).toEqual(['failed'])
    const queue = recordingMessages()
    const resent = await adminPost(session, `/admin/requests/${request.id}/notifications/${notificationId}/resend`, {}, { NOTIFY_QUEUE: queue.binding })
    expect(resent.status).toBe(303)
    expect(queue.bodies).toEqual([{ notificationId, generation: 1 }])
    const email = recordingEmail()
    await deliver(queue.bodies, { env: { EMAIL: email.binding } })
    expect(email.sent).toHaveLength(1)
    expect(await pageStates()).toEqual(['sent'])
  })
})
