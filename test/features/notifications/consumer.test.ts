import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { verifyHmacHex } from '../../../src/platform/signing'
import { wrapBinding } from '../../helpers/bindings'
import { backPainByRequest, requestFields } from '../../helpers/book'
import { expectClinicLayout } from '../../helpers/email-layout'
import { contactFields } from '../../helpers/forms'
import {
  captureWebhook,
  deliver,
  failingEmail,
  linkIn,
  loadRow,
  recordingEmail,
  recordingMessages,
  submit,
  webhookUrl,
  withWebhook,
} from '../../helpers/notify'

afterEach(() => {
  vi.restoreAllMocks()
})

/** The real D1 binding, except that reading the outbox fails as it does when D1 is unreachable. */
const d1ThatCannotReadOutbox = (): D1Database =>
  wrapBinding(env.DB, {
    prepare: (query: string) => {
      if (query.startsWith('select') && query.includes('from "notifications"')) throw new Error('D1_ERROR: Network connection lost.')
      return env.DB.prepare(query)
    },
  })

describe('the queue consumer', () => {
  it('links the practitioner’s email to the address the site is served from when SITE_URL says so (npm run dev)', async () => {
    const { request, outbox } = await submit('/contact', await contactFields())
    const email = recordingEmail()
    await deliver(
      outbox.map((row) => ({ notificationId: row.id })),
      { env: { SITE_URL: 'http://localhost:8793', EMAIL: email.binding } },
    )
    // The practitioner's notice and the patient's acknowledgement (on by default).
    expect(email.sent.map((message) => message.to).sort()).toEqual([request.email, 'practitioner@clinic.example.com'].sort())
    const notice = email.sent.find((message) => message.to === 'practitioner@clinic.example.com')!
    expect(notice.text).toContain(`Open the request in the inbox: http://localhost:8793/admin/requests/${request.id}`)
    expect(notice.html).toMatch(linkIn(`http://localhost:8793/admin/requests/${request.id}`, 'Open the request in the inbox'))
    expect(notice.text).not.toContain('clinic.example.com/admin')
    const acknowledgement = email.sent.find((message) => message.to === request.email)!
    expect(acknowledgement.text).toMatch(/See your request: http:\/\/localhost:8793\/manage\/[0-9a-f]{32}\n/)
  })

  it('takes a booking from POST to a sent email and webhook, with the ledger updated', async () => {
    const fields = await requestFields()
    const { reference, request, outbox, channel } = await backPainByRequest(() => submit('/book', fields, withWebhook))
    expect(outbox.map((row) => [row.channel, row.status]).sort()).toEqual([
      ['email', 'pending'],
      ['patient', 'pending'],
      ['webhook', 'pending'],
    ])

    const email = recordingEmail()
    const webhook = captureWebhook()
    const { ids, result } = await deliver(
      outbox.map((row) => ({ notificationId: row.id })),
      { env: { ...withWebhook, EMAIL: email.binding } },
    )

    expect(result.explicitAcks.sort()).toEqual([...ids].sort())
    expect(result.retryMessages).toEqual([])
    expect(email.sent.map((message) => message.to).sort()).toEqual([fields.email, 'practitioner@clinic.example.com'].sort())
    email.sent.sort((a, b) => (a.to === 'practitioner@clinic.example.com' ? -1 : b.to === 'practitioner@clinic.example.com' ? 1 : 0))
    expect(email.sent[0]).toMatchObject({
      from: { name: 'Example Acupuncture Clinic', email: 'notifications@clinic.example.com' },
      to: 'practitioner@clinic.example.com',
      replyTo: fields.email,
      subject: `New booking request ${reference}`,
    })
    expect(email.sent[0]!.text).toContain(`Open the request in the inbox: https://clinic.example.com/admin/requests/${request.id}`)
    expect(email.sent[0]!.html).toMatch(linkIn(`https://clinic.example.com/admin/requests/${request.id}`, 'Open the request in the inbox'))
    expectClinicLayout(
      { ...email.sent[0]!, subject: String(email.sent[0]!.subject) },
      { label: 'Open the request in the inbox', href: `https://clinic.example.com/admin/requests/${request.id}` },
    )
    expect(webhook).toHaveLength(1)
    expect(webhook[0]!.url).toBe(webhookUrl)
    const payload = JSON.parse(webhook[0]!.body) as Record<string, unknown>
    expect(payload).toMatchObject({ event: 'request.received', kind: 'booking', reference, requestId: request.id })
    expect(payload.text).toContain(`New booking request ${reference} from Robin Patient`)

    const sentEmail = await loadRow(channel('email').id)
    expect(sentEmail).toMatchObject({ status: 'sent', attempts: 1, lastError: null, providerMessageId: email.sent[0]!.messageId, claimedUntil: null })
    expect(sentEmail.sentAt!.getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(await loadRow(channel('webhook').id)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'hook-1' })
  })

  it('a stored request enqueues one message per notification: its id and the first delivery chain, nothing else', async () => {
    const queue = recordingMessages()
    const fields = await requestFields()
    const { outbox } = await backPainByRequest(() => submit('/book', fields, { ...withWebhook, NOTIFY_QUEUE: queue.binding }))
    const byId = (a: { notificationId: string }, b: { notificationId: string }) => a.notificationId.localeCompare(b.notificationId)
    expect(queue.bodies.sort(byId)).toEqual(outbox.map((row) => ({ notificationId: row.id, generation: 0 })).sort(byId))
  })

  it('a redelivered message for a sent notification is acked and sends nothing more', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const first = recordingEmail()
    await deliver([{ notificationId: id }], { env: { EMAIL: first.binding } })
    const sentAt = (await loadRow(id)).sentAt

    const again = recordingEmail()
    const { ids, result } = await deliver([{ notificationId: id }, { notificationId: id }], { env: { EMAIL: again.binding }, attempts: 2 })
    expect(result.explicitAcks.sort()).toEqual([...ids].sort())
    expect(again.sent).toEqual([])
    expect(await loadRow(id)).toMatchObject({ status: 'sent', attempts: 1, sentAt })
  })

  it('a failing email binding leads to a retry of that message with a growing delay and the error recorded', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const down = failingEmail(new Error('Email Service: 503 temporarily unavailable'))

    const first = await deliver([{ notificationId: id }], { env: { EMAIL: down }, attempts: 1 })
    expect(first.result.explicitAcks).toEqual([])
    expect(first.result.retryMessages).toEqual([{ msgId: first.ids[0] }])
    expect(first.delays).toEqual([{ msgId: first.ids[0], delaySeconds: 10 }])
    expect(await loadRow(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Error: Email Service: 503 temporarily unavailable',
      claimedUntil: null,
    })

    const third = await deliver([{ notificationId: id }], { env: { EMAIL: down }, attempts: 3 })
    expect(third.delays).toEqual([{ msgId: third.ids[0], delaySeconds: 40 }])
    const late = await deliver([{ notificationId: id }], { env: { EMAIL: down }, attempts: 12 })
    expect(late.delays).toEqual([{ msgId: late.ids[0], delaySeconds: 600 }])
    expect(await loadRow(id)).toMatchObject({ status: 'pending', attempts: 3 })

    const email = recordingEmail()
    const recovered = await deliver([{ notificationId: id }], { env: { EMAIL: email.binding }, attempts: 4 })
    expect(recovered.result.explicitAcks).toEqual(recovered.ids)
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', attempts: 4, lastError: null })
  })

  it('settles each message on its own: a failing webhook is retried while the email is acked', async () => {
    const fields = await requestFields()
    const { channel } = await backPainByRequest(() => submit('/book', fields, withWebhook))
    captureWebhook(500)
    const email = recordingEmail()
    const { ids, result, delays } = await deliver([{ notificationId: channel('email').id }, { notificationId: channel('webhook').id }], {
      env: { ...withWebhook, EMAIL: email.binding },
    })
    expect(result.explicitAcks).toEqual([ids[0]])
    expect(result.retryMessages).toEqual([{ msgId: ids[1] }])
    expect(delays).toEqual([{ msgId: ids[1], delaySeconds: 10 }])
    expect(await loadRow(channel('webhook').id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: webhook answered HTTP 500' })
    expect(await loadRow(channel('email').id)).toMatchObject({ status: 'sent' })
  })

  it('acks and logs a malformed message instead of retrying it forever', async () => {
    const errors = vi.spyOn(console, 'error')
    const email = recordingEmail()
    const { ids, result } = await deliver([{ notificationId: 'not-a-uuid' }, 'text', null, { other: 1 }], { env: { EMAIL: email.binding } })
    expect(result.explicitAcks.sort()).toEqual([...ids].sort())
    expect(result.retryMessages).toEqual([])
    expect(email.sent).toEqual([])
    expect(errors.mock.calls.filter(([line]) => String(line).includes('"notify_message_malformed"'))).toHaveLength(4)
  })

  it('acks a message whose notification no longer exists (the request was erased)', async () => {
    const email = recordingEmail()
    const { ids, result } = await deliver([{ notificationId: crypto.randomUUID() }], { env: { EMAIL: email.binding } })
    expect(result.explicitAcks).toEqual(ids)
    expect(email.sent).toEqual([])
  })

  it('retries, never acks, when the ledger cannot be read', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const email = recordingEmail()
    const { ids, result, delays } = await deliver([{ notificationId: channel('email').id }], {
      env: { DB: d1ThatCannotReadOutbox(), EMAIL: email.binding },
      attempts: 2,
    })
    expect(result.explicitAcks).toEqual([])
    expect(result.retryMessages).toEqual([{ msgId: ids[0] }])
    expect(delays).toEqual([{ msgId: ids[0], delaySeconds: 20 }])
    expect(email.sent).toEqual([])
    expect(await loadRow(channel('email').id)).toMatchObject({ status: 'pending', attempts: 0, claimedUntil: null })
  })

  it('keeps what the patient typed out of the log and last_error when a provider quotes it back', async () => {
    const fields = await requestFields()
    const { channel } = await backPainByRequest(() => submit('/book', fields))
    const id = channel('email').id
    const warn = vi.spyOn(console, 'warn')
    const quoted = new Error(`550 5.1.1 "Robin Patient" <${fields.email}> refused: robin, call +15035550199, (503) 555-0199 or 5035550199`)
    await deliver([{ notificationId: id }], { env: { EMAIL: failingEmail(quoted) } })

    const lines = warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes(id))
    expect(lines).toHaveLength(1)
    const { lastError } = await loadRow(id)
    expect(lastError).toBe('Error: 550 5.1.1 "[name]" <[email]> refused: [name], call [phone], [phone] or [phone]')
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'notification_attempt_failed', error: lastError })
    for (const text of [lines[0]!, lastError!]) {
      expect(text).not.toContain(fields.email)
      expect(text).not.toMatch(/robin|patient|5550199/i)
    }
  })

  it('signs the webhook over timestamp and body with the configured secret', async () => {
    const fields = await requestFields()
    const { channel } = await backPainByRequest(() => submit('/book', fields, withWebhook))
    const calls = captureWebhook()
    await deliver([{ notificationId: channel('webhook').id }], { env: withWebhook })

    const { headers, body } = calls[0]!
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(headers.get('X-Clinic-Delivery')).toBe(channel('webhook').id)
    const timestamp = headers.get('X-Clinic-Timestamp')!
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60)
    const signature = headers.get('X-Clinic-Signature')!.replace(/^sha256=/, '')
    const secret = 'test-webhook-secret-0123456789abcdef'
    expect(await verifyHmacHex(secret, `${timestamp}.${body}`, signature)).toBe(true)
    expect(await verifyHmacHex(secret, `${timestamp}.${body.replace('booking', 'contact')}`, signature)).toBe(false)
    expect(await verifyHmacHex('another-secret-0123456789abcdef', `${timestamp}.${body}`, signature)).toBe(false)
  })
})
