import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { notifications } from '../../../src/features/notifications/store/schema'
import { resendEndpoint, toResendEmail } from '../../../src/features/notifications/transports/resend'
import { adminPost, signIn } from '../../helpers/admin'
import { askAsPeriods, backPainByRequest, requestFields } from '../../helpers/book'
import { contactFields, db, openWeekday } from '../../helpers/forms'
import { deliver, loadRow, recordingEmail, recordingMessages, submit } from '../../helpers/notify'
import { interceptResend, resendLike, viaResend } from '../../helpers/resend'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const decodeBase64 = (content: string) => new TextDecoder().decode(Uint8Array.from(atob(content), (char) => char.charCodeAt(0)))

describe('sending through Resend', () => {
  it('posts the patient’s confirmation with the key of its delivery chain and the invitation in base64', async () => {
    const fields = await requestFields()
    const { request } = await backPainByRequest(() => submit('/book', fields))
    await askAsPeriods(request.id)
    expect((await adminPost(await signIn(), `/admin/requests/${request.id}/confirm`, { slot: `${openWeekday(7)}T09:30` })).status).toBe(303)
    const [confirmation] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.requestId, request.id), eq(notifications.channel, 'confirmation')))
    const id = confirmation!.id
    const resend = resendLike()
    const calls = interceptResend(resend.respond)
    const email = recordingEmail()

    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: { ...viaResend, EMAIL: email.binding } })
    expect(result.explicitAcks).toEqual(ids)
    expect(email.sent).toEqual([])
    expect(calls).toHaveLength(1)
    const [call] = calls
    expect(call).toMatchObject({ url: resendEndpoint, method: 'POST' })
    expect(Object.fromEntries(call!.headers)).toMatchObject({
      authorization: `Bearer ${viaResend.RESEND_API_KEY}`,
      'content-type': 'application/json',
      'idempotency-key': `${id}:0`,
    })
    const body = call!.body as ReturnType<typeof toResendEmail>
    expect(body).toMatchObject({ from: `${practice.clinicName} <notifications@clinic.example.com>`, to: fields.email })
    // Replies to an email about a request come back into its thread (REPLY_ADDRESS is set in wrangler.toml).
    expect(body.reply_to).toMatch(new RegExp(`^replies\\+${request.reference.toLowerCase()}-[0-9a-f]{20}@clinic\\.example\\.com$`))
    expect(body.subject).toMatch(/^Your appointment is confirmed: /)
    expect(body.text).toContain(`Reference: ${request.reference}`)
    expect(body.html).toContain(`>${request.reference}</td>`)
    expect(body.attachments).toEqual([
      { filename: 'appointment.ics', content_type: 'text/calendar; method=REQUEST; charset=utf-8', content: expect.any(String) },
    ])
    const ics = decodeBase64(body.attachments![0]!.content)
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics).toContain(`Reference ${request.reference}.`)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', providerMessageId: resend.idOf(`${id}:0`) })
  })

  it('sends a retried confirmation byte for byte as before, as Resend requires of a repeated key', async () => {
    const fields = await requestFields()
    const { request } = await backPainByRequest(() => submit('/book', fields))
    await askAsPeriods(request.id)
    // The test before confirmed the same start for another booking.
    expect((await adminPost(await signIn(), `/admin/requests/${request.id}/confirm`, { slot: `${openWeekday(7)}T10:30` })).status).toBe(303)
    const [confirmation] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.requestId, request.id), eq(notifications.channel, 'confirmation')))
    const answers = [new Response('unavailable', { status: 503 }), Response.json({ id: 're-confirmation' })]
    const calls = interceptResend(async () => answers.shift()!)
    // A minute between the tries: an invitation stamped at sending time would differ.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(Date.now() + 60_000))
    await deliver([{ notificationId: confirmation!.id, generation: 0 }], { env: viaResend })
    vi.setSystemTime(new Date(Date.now() + 60_000))
    await deliver([{ notificationId: confirmation!.id, generation: 0 }], { env: viaResend, attempts: 2 })
    vi.useRealTimers()
    expect(calls).toHaveLength(2)
    expect(calls[1]!.body).toEqual(calls[0]!.body)
    expect(await loadRow(confirmation!.id)).toMatchObject({ status: 'sent', providerMessageId: 're-confirmation' })
  })

  it('quotes a display name that is more than plain words and encodes binary attachments byte for byte', () => {
    const message = {
      from: { name: 'Lee, "Acupuncture" Clinic', email: 'from@clinic.example.com' },
      to: 'to@clinic.example.com',
      replyTo: { name: 'Plain Name', email: 'reply@clinic.example.com' },
      subject: 'Subject',
      text: 'Text',
      attachments: [
        { disposition: 'attachment' as const, filename: 'bytes.bin', type: 'application/octet-stream', content: new Uint8Array([0, 255, 128, 10]) },
      ],
    }
    expect(toResendEmail(message)).toMatchObject({
      from: '"Lee, \\"Acupuncture\\" Clinic" <from@clinic.example.com>',
      reply_to: 'Plain Name <reply@clinic.example.com>',
      attachments: [{ filename: 'bytes.bin', content: 'AP+ACg==', content_type: 'application/octet-stream' }],
    })
  })

  it('reuses the key when the same chain is delivered again after a lost answer, so Resend sends it once', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const resend = resendLike()
    let answerLost = true
    const calls = interceptResend(async (call) => {
      const answer = await resend.respond(call)
      if (answerLost) throw new TypeError('Network connection lost.')
      return answer
    })

    const first = await deliver([{ notificationId: id, generation: 0 }], { env: viaResend })
    expect(first.result.retryMessages.map((retried) => retried.msgId)).toEqual(first.ids)
    expect(await loadRow(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'TypeError: Network connection lost.' })
    answerLost = false
    const again = await deliver([{ notificationId: id, generation: 0 }], { env: viaResend, attempts: 2 })
    expect(again.result.explicitAcks).toEqual(again.ids)

    expect(calls.map((call) => call.headers.get('Idempotency-Key'))).toEqual([`${id}:0`, `${id}:0`])
    expect(calls[1]!.body).toEqual(calls[0]!.body)
    expect(resend.delivered).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', providerMessageId: resend.idOf(`${id}:0`) })
  })

  it('gives a resend from the inbox a key of its own, so it is sent again', async () => {
    const { request, channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const resend = resendLike()
    const calls = interceptResend(resend.respond)
    await deliver([{ notificationId: id, generation: 0 }], { env: viaResend })
    expect(await loadRow(id)).toMatchObject({ status: 'sent' })

    const queue = recordingMessages()
    expect((await adminPost(await signIn(), `/admin/requests/${request.id}/notifications/${id}/resend`, {}, { NOTIFY_QUEUE: queue.binding })).status).toBe(303)
    await deliver(queue.bodies, { env: viaResend })

    expect(calls.map((call) => call.headers.get('Idempotency-Key'))).toEqual([`${id}:0`, `${id}:1`])
    expect(resend.delivered).toHaveLength(2)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', generation: 1, providerMessageId: resend.idOf(`${id}:1`) })
  })

  it.each([
    [503, 'internal_server_error', 'Resend could not take the email now (503): internal_server_error: An unexpected error occurred.'],
    [429, 'rate_limit_exceeded', 'Resend could not take the email now (429): rate_limit_exceeded: An unexpected error occurred.'],
    [409, 'concurrent_idempotent_requests', 'Resend could not take the email now (409): concurrent_idempotent_requests: An unexpected error occurred.'],
    [
      403,
      'validation_error',
      'Resend refused the email (403), and will until the configuration or the message changes: validation_error: An unexpected error occurred.',
    ],
  ])('answered %i: retried, with the reason kept', async (status, name, lastError) => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    interceptResend(async () => Response.json({ statusCode: status, name, message: 'An unexpected error occurred.' }, { status }))
    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: viaResend })
    expect(result.retryMessages.map((retried) => retried.msgId)).toEqual(ids)
    expect(await loadRow(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: `ResendError: ${lastError}`, sentAt: null })
  })

  it('keeps the patient’s address out of a refusal that quotes it, and reads a body that is not JSON', async () => {
    const fields = await contactFields()
    const { channel } = await submit('/contact', fields, { ACK_PATIENT: 'true' })
    const id = channel('patient').id
    const answers = [
      Response.json({ statusCode: 422, name: 'validation_error', message: `Invalid \`to\` field: ${fields.email}` }, { status: 422 }),
      new Response('<html>Bad gateway</html>', { status: 502 }),
    ]
    interceptResend(async () => answers.shift()!)
    await deliver([{ notificationId: id, generation: 0 }], { env: viaResend })
    expect((await loadRow(id)).lastError).toBe(
      'ResendError: Resend refused the email (422), and will until the configuration or the message changes: validation_error: Invalid `to` field: [email]',
    )
    await deliver([{ notificationId: id, generation: 0 }], { env: viaResend, attempts: 2 })
    expect((await loadRow(id)).lastError).toBe('ResendError: Resend could not take the email now (502): <html>Bad gateway</html>')
  })
})
