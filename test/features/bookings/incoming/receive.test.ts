import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { replyAddressOf } from '../../../../src/features/bookings/messages/reply-address'
import { storeRequest } from '../../../../src/features/bookings/store/requests'
import { requests, threadMessages } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { contactFields, db, uniqueEmail } from '../../../helpers/forms'
import { mimeOf, receiveEmail, uniqueMessageId } from '../../../helpers/incoming-email'
import { captureWebhook, deliver, recordingEmail, recordingMessages, submit, withWebhook } from '../../../helpers/notify'

afterEach(() => vi.restoreAllMocks())

const replyBase = 'replies@clinic.example.com'
const closedAddress = 'This address no longer takes messages; please write to hello@clinic.example.com.'
// Activity in 2073 keeps an address open on any real clock before then; activity in 2000 is long past its window.
const in2073 = new Date('2073-02-01T17:00:00Z')

/** A contact request stored at `now` from `email`, with no outbox rows of its own. */
async function seed(now = in2073, email = uniqueEmail('incoming')) {
  const stored = await storeRequest(db(), {
    request: { kind: 'contact', name: 'Jamie Patient', email, message: 'Do you treat sciatica?' },
    preferredTimes: [],
    channels: [],
    dedupeKey: crypto.randomUUID(),
    now,
  })
  if (stored.duplicate) throw new Error('stored as a duplicate')
  const address = await replyAddressOf(env.FORM_SECRET, replyBase, { id: stored.requestId, reference: stored.reference })
  return { id: stored.requestId, reference: stored.reference, email, address }
}

const threadOf = (requestId: string) => db().select().from(threadMessages).where(eq(threadMessages.requestId, requestId))

const noticesOf = (requestId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.requestId, requestId), eq(notifications.topic, 'patient-replied')))

async function expectNothingStored(requestId: string) {
  expect(await threadOf(requestId)).toEqual([])
  expect(await noticesOf(requestId)).toEqual([])
}

const gmailReply = (reference: string) =>
  [
    'Tuesday at 10 suits me. Is there parking nearby?',
    '',
    'Jamie',
    '',
    `On Mon, Jan 3, 2073 at 9:00 AM Clinic <replies+${reference.toLowerCase()}-abc@clinic.example.com>`,
    'wrote:',
    '',
    '> Would Tuesday at 10 suit you?',
    '>',
  ].join('\n')

describe("a patient's reply by email", () => {
  it('lands in its own thread without the quoted history, attachments counted not kept, and the practitioner is told without its text', async () => {
    const { request, reference } = await submit('/contact', await contactFields(), withWebhook)
    const address = await replyAddressOf(env.FORM_SECRET, replyBase, request)
    const queue = recordingMessages()
    const messageId = uniqueMessageId()
    const raw = mimeOf({ from: request.email, to: address, messageId, text: gmailReply(reference), attachments: ['scan.pdf'] })

    const outcome = await receiveEmail({ from: request.email, to: address }, raw, { ...withWebhook, NOTIFY_QUEUE: queue.binding })

    expect(outcome.rejected).toBeUndefined()
    const thread = await threadOf(request.id)
    expect(thread).toMatchObject([{ author: 'patient', body: 'Tuesday at 10 suits me. Is there parking nearby?\n\nJamie', attachments: 1, messageId }])
    const notices = await noticesOf(request.id)
    expect(notices.map((row) => `${row.channel}/${row.status}`).sort()).toEqual(['email/pending', 'webhook/pending'])
    expect(queue.bodies.map((body) => body.notificationId).sort()).toEqual(notices.map((row) => row.id).sort())

    const email = recordingEmail()
    const webhook = captureWebhook()
    const { result } = await deliver(queue.bodies, { env: { ...withWebhook, NOTIFY_DETAILS: 'full', EMAIL: email.binding } })
    expect(result.explicitAcks).toHaveLength(2)
    const link = `https://clinic.example.com/admin/requests/${request.id}`
    expect(email.sent).toHaveLength(1)
    expect(email.sent[0]).toMatchObject({ to: 'practitioner@clinic.example.com', subject: `A patient replied to ${reference}` })
    expect(email.sent[0]!.text).toContain(`Open the request in the inbox: ${link}`)
    expect(email.sent[0]!.html).toContain(`href="${link}"`)
    expect(JSON.parse(webhook[0]!.body)).toEqual({
      text: `A patient replied to ${reference}. Open: ${link}`,
      event: 'request.patient-replied',
      reference,
      requestId: request.id,
      link,
    })
    expect(JSON.stringify([email.sent[0], webhook[0]!.body])).not.toMatch(/parking|Tuesday at 10|scan\.pdf/)
  })

  it('handed over twice (one Message-ID) is stored once and told once', async () => {
    const { id, email, address } = await seed()
    const raw = mimeOf({ from: email, to: address, text: 'See you then.' })
    const queue = recordingMessages()
    expect(await receiveEmail({ from: email, to: address }, raw, { NOTIFY_QUEUE: queue.binding })).toEqual({ rejected: undefined })
    expect(await receiveEmail({ from: email, to: address }, raw, { NOTIFY_QUEUE: queue.binding })).toEqual({ rejected: undefined })
    expect((await threadOf(id)).map((row) => row.body)).toEqual(['See you then.'])
    const notices = await noticesOf(id)
    expect(notices.map((row) => row.channel)).toEqual(['email'])
    expect(queue.bodies).toEqual([{ notificationId: notices[0]!.id, generation: 0 }])
  })

  it('from another address than the request’s lands with that address on its first line', async () => {
    const { id, address } = await seed()
    const other = uniqueEmail('other')
    await receiveEmail({ from: other, to: address }, mimeOf({ from: `Jamie <${other}>`, to: address, text: 'Writing from work.' }))
    expect((await threadOf(id)).map((row) => row.body)).toEqual([`(Sent from another address: ${other})\n\nWriting from work.`])
  })

  it('an HTML-only email lands as text', async () => {
    const { id, email, address } = await seed()
    const html =
      '<div dir="ltr"><p>Thursday works <b>too</b>.</p></div><div class="gmail_quote"><div>On Mon, Jan 3, 2073 at 9:00 AM Clinic wrote:</div><blockquote>Would Tuesday suit?</blockquote></div>'
    await receiveEmail({ from: email, to: address }, mimeOf({ from: email, to: address, html }))
    expect((await threadOf(id)).map((row) => row.body)).toEqual(['Thursday works too.'])
  })

  it('to a request older than the window lands while the clinic’s last email to the patient or the appointment keeps its address open', async () => {
    const emailed = await seed(new Date('2000-01-01T12:00:00Z'))
    await db().insert(notifications).values({ id: crypto.randomUUID(), requestId: emailed.id, channel: 'appointment', topic: 'proposed', createdAt: in2073 })
    await receiveEmail({ from: emailed.email, to: emailed.address }, mimeOf({ from: emailed.email, to: emailed.address, text: 'Thursday, please.' }))
    expect((await threadOf(emailed.id)).map((row) => row.body)).toEqual(['Thursday, please.'])

    const booked = await seed(new Date('2000-01-01T12:00:00Z'))
    await db().update(requests).set({ confirmedStart: in2073 }).where(eq(requests.id, booked.id))
    await receiveEmail({ from: booked.email, to: booked.address }, mimeOf({ from: booked.email, to: booked.address, text: 'Running late.' }))
    expect((await threadOf(booked.id)).map((row) => row.body)).toEqual(['Running late.'])
  })

  it('to a closed request still lands, and the request stays closed', async () => {
    const { id, email, address } = await seed()
    await db().update(requests).set({ status: 'closed' }).where(eq(requests.id, id))
    expect(await receiveEmail({ from: email, to: address }, mimeOf({ from: email, to: address, text: 'One more question.' }))).toEqual({ rejected: undefined })
    expect((await threadOf(id)).map((row) => row.body)).toEqual(['One more question.'])
    expect((await noticesOf(id)).map((row) => row.channel)).toEqual(['email'])
    const [request] = await db().select({ status: requests.status }).from(requests).where(eq(requests.id, id))
    expect(request?.status).toBe('closed')
  })
})

describe('mail that leads to no open thread is refused with the reason, stored nowhere, told to no one', () => {
  const refused = async (to: string, from: string, requestId: string) => {
    const outcome = await receiveEmail({ from, to }, mimeOf({ from, to, text: 'Hello?' }))
    expect(outcome.rejected).toBe(closedAddress)
    await expectNothingStored(requestId)
  }

  it('an unknown reference', async () => {
    const { id, email, address } = await seed()
    await refused(address.replace(/\+[0-9a-z]+-/, '+zzzz9999-'), email, id)
  })

  it('a wrong MAC', async () => {
    const { id, email, address } = await seed()
    await refused(address.replace(/-[0-9a-f]{20}@/, `-${'0'.repeat(20)}@`), email, id)
  })

  it("another request's MAC with this reference", async () => {
    const target = await seed()
    const other = await seed()
    const otherMac = /-([0-9a-f]{20})@/.exec(other.address)![1]!
    await refused(target.address.replace(/-[0-9a-f]{20}@/, `-${otherMac}@`), target.email, target.id)
    await expectNothingStored(other.id)
  })

  it('a request marked spam', async () => {
    const { id, email, address } = await seed()
    await db().update(requests).set({ status: 'spam' }).where(eq(requests.id, id))
    await refused(address, email, id)
  })

  it('an erased request', async () => {
    const { id, email, address } = await seed()
    await db().delete(requests).where(eq(requests.id, id))
    const outcome = await receiveEmail({ from: email, to: address }, mimeOf({ from: email, to: address, text: 'Hello?' }))
    expect(outcome.rejected).toBe(closedAddress)
    expect(await threadOf(id)).toEqual([])
  })

  it('an address past its window (90 days after the request’s last activity)', async () => {
    const { id, email, address } = await seed(new Date('2000-01-01T12:00:00Z'))
    await refused(address, email, id)
  })

  it('a deployment without REPLY_ADDRESS', async () => {
    const { id, email, address } = await seed()
    const outcome = await receiveEmail({ from: email, to: address }, mimeOf({ from: email, to: address, text: 'Hello?' }), { REPLY_ADDRESS: '' })
    expect(outcome.rejected).toBe(closedAddress)
    await expectNothingStored(id)
  })

  it('another address of the domain', async () => {
    const { id, email } = await seed()
    await refused('hello@clinic.example.com', email, id)
  })
})

describe('auto-replies and bounces are dropped: not refused, stored nowhere, told to no one', () => {
  it('Auto-Submitted', async () => {
    const { id, email, address } = await seed()
    const raw = mimeOf({ from: email, to: address, headers: ['Auto-Submitted: auto-replied'], text: 'I am away until Monday.' })
    expect(await receiveEmail({ from: email, to: address }, raw)).toEqual({ rejected: undefined })
    await expectNothingStored(id)
  })

  it('an empty Return-Path', async () => {
    const { id, email, address } = await seed()
    const raw = mimeOf({ from: email, to: address, headers: ['Return-Path: <>'], text: 'Undeliverable.' })
    expect(await receiveEmail({ from: email, to: address }, raw)).toEqual({ rejected: undefined })
    await expectNothingStored(id)
  })

  it('a null envelope sender', async () => {
    const { id, email, address } = await seed()
    expect(await receiveEmail({ from: '<>', to: address }, mimeOf({ from: email, to: address, text: 'Undeliverable.' }))).toEqual({ rejected: undefined })
    await expectNothingStored(id)
  })

  it('a delivery-status report', async () => {
    const { id, address } = await seed()
    const raw = [
      'From: Mail Delivery Subsystem <mailer-daemon@mail.example.org>',
      `To: ${address}`,
      'Subject: Delivery Status Notification (Failure)',
      `Message-ID: ${uniqueMessageId()}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="report"',
      '',
      '--report',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.example.org',
      '',
      'Final-Recipient: rfc822; gone@example.org',
      'Action: failed',
      'Status: 5.1.1',
      '--report--',
      '',
    ].join('\r\n')
    expect(await receiveEmail({ from: 'bounces@mail.example.org', to: address }, raw)).toEqual({ rejected: undefined })
    await expectNothingStored(id)
  })
})

describe('an email over the size limit', () => {
  it('is refused with the reason, nothing stored', async () => {
    const { id, email, address } = await seed()
    const raw = mimeOf({ from: email, to: address, text: 'x'.repeat(1_000_001) })
    expect(await receiveEmail({ from: email, to: address }, raw)).toEqual({
      rejected: 'This message is larger than 1 MB. Attachments are not kept: please send your reply as text only, or write to hello@clinic.example.com.',
    })
    await expectNothingStored(id)
  })
})
