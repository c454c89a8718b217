import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { writeAcknowledgement } from '../../../src/config'
import { formatAppointmentTime } from '../../../src/features/bookings/messages/appointment-texts'
import type { WebhookPayload } from '../../../src/features/bookings/messages/webhook-payload'
import { storeRequest } from '../../../src/features/bookings/store/requests'
import { requests } from '../../../src/features/bookings/store/schema'
import type { NotificationChannel } from '../../../src/features/notifications/domain/vocabulary'
import { notifications } from '../../../src/features/notifications/store/schema'
import { currentSettings } from '../../../src/features/settings/current'
import { backPainByRequest, requestFields } from '../../helpers/book'
import { expectClinicLayout } from '../../helpers/email-layout'
import { bookingFields, contactFields, db, post } from '../../helpers/forms'
import { captureWebhook, deliver, loadRow, recordingEmail, submit, withWebhook } from '../../helpers/notify'

afterEach(() => {
  vi.restoreAllMocks()
})

const hostileName = '<script>alert("x")</script> Ann\r\nBcc: victim@example.com'
const hostileNotes = `<img src=x onerror=alert(1)>\r\nSubject: fake\r\n${'and more '.repeat(200)}`

/** Delivers every outbox row of a request and returns what each channel carried. */
async function deliverAll(outbox: { id: string; channel: NotificationChannel }[], overrides: Partial<Env>) {
  const email = recordingEmail()
  const webhook = captureWebhook()
  const { result } = await deliver(
    outbox.map((row) => ({ notificationId: row.id })),
    { env: { ...overrides, EMAIL: email.binding } },
  )
  const toPractitioner = email.sent.find((message) => message.to === 'practitioner@clinic.example.com')
  const toPatient = email.sent.find((message) => message.to !== 'practitioner@clinic.example.com')
  const payload = webhook[0] ? (JSON.parse(webhook[0].body) as WebhookPayload) : undefined
  return { result, toPractitioner, toPatient, payload }
}

const linesOf = (text: string | undefined) => (text ?? '').split('\n')

describe('a time the patient took', () => {
  it('reaches the practitioner as a booking already confirmed, with its time, not as a request', async () => {
    const fields = await bookingFields()
    expect((await post('/book', fields)).status).toBe(303)
    const [request] = await db()
      .select()
      .from(requests)
      .where(eq(requests.email, String(fields.email)))
    expect(request).toMatchObject({ bookedVia: 'direct', appointmentState: 'confirmed' })
    const outbox = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.requestId, request!.id), eq(notifications.channel, 'email')))
    const { toPractitioner } = await deliverAll(outbox, {})
    expect(toPractitioner!.subject).toBe(`New booking ${request!.reference}`)
    expect(linesOf(toPractitioner!.text)).toContain(`Appointment: ${formatAppointmentTime(request!.confirmedStart!)}, booked directly and confirmed`)
  })
})

describe('patient input in notifications', () => {
  it('HTML and CRLF from the form are inert in the email, the webhook and the acknowledgement', async () => {
    const config = { ...withWebhook, NOTIFY_DETAILS: 'full', ACK_PATIENT: 'true' }
    const fields = await requestFields({ name: hostileName, notes: hostileNotes })
    const { reference, outbox } = await backPainByRequest(() => submit('/book', fields, config))
    expect(outbox.map((row) => row.channel).sort()).toEqual(['email', 'patient', 'webhook'])
    const { result, toPractitioner, toPatient, payload } = await deliverAll(outbox, config)
    expect(result.explicitAcks).toHaveLength(3)

    // Headers: fixed words, the reference, config addresses, and the validated reply-to only.
    expect(toPractitioner).toMatchObject({ subject: `New booking request ${reference}`, replyTo: fields.email })
    expect(toPractitioner!.html).not.toMatch(/<script|<img/)
    expect(toPractitioner!.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ann Bcc: victim@example.com')
    expect(toPractitioner!.html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // In the text part a value cannot start a line of its own.
    expect(linesOf(toPractitioner!.text)).toContain('Name: <script>alert("x")</script> Ann Bcc: victim@example.com')
    expect(linesOf(toPractitioner!.text).filter((line) => /^(Bcc|Subject):/.test(line))).toEqual([])

    expect(payload!.patient.name).toBe('<script>alert("x")</script> Ann Bcc: victim@example.com')
    expect(payload!.text).toContain('&lt;script&gt;alert("x")&lt;/script&gt; Ann Bcc: victim@example.com')
    expect(payload!.text).not.toMatch(/[<>\r\n]/)
    expect(payload!.details?.notes).toMatch(/^<img src=x onerror=alert\(1\)>\nSubject: fake\nand more/)

    // The acknowledgement is the clinic's text: nothing the patient typed, not even the name.
    expect(toPatient).toMatchObject({ to: fields.email, subject: `We received your booking request ${reference}` })
    // Replies come back into the request's thread, through its own address.
    expect(toPatient!.replyTo).toMatch(new RegExp(`^replies\\+${reference.toLowerCase()}-[0-9a-f]{20}@clinic\\.example\\.com$`))
    expect(linesOf(toPatient!.text)).toContain(`Reference: ${reference}`)
    expect(toPatient!.text).toContain(writeAcknowledgement('booking', currentSettings()))
    for (const part of [toPatient!.text, toPatient!.html]) expect(part).not.toMatch(/script|Ann|Bcc|img|and more/)
    expectClinicLayout(
      { ...toPatient!, subject: String(toPatient!.subject) },
      { label: 'See your request', href: /^https:\/\/clinic\.example\.com\/manage\/[0-9a-f]{32}$/ },
    )
  })

  it('very long values are bounded in every part', async () => {
    const stored = await storeRequest(db(), {
      request: {
        kind: 'contact',
        name: 'N'.repeat(20_000),
        email: 'long.values@example.org',
        phone: '5'.repeat(500),
        message: 'M'.repeat(100_000),
        preferredContact: 'email',
      },
      preferredTimes: [],
      channels: ['email', 'webhook'],
      dedupeKey: crypto.randomUUID(),
      now: new Date(),
    })
    if (stored.duplicate) throw new Error('unexpected duplicate')
    const outbox = stored.notificationIds.map((id, index) => ({ id, channel: (['email', 'webhook'] as const)[index]! }))
    const { toPractitioner, payload } = await deliverAll(outbox, { ...withWebhook, NOTIFY_DETAILS: 'full' })

    expect(linesOf(toPractitioner!.text)).toContain(`Name: ${'N'.repeat(199)}…`)
    expect(linesOf(toPractitioner!.text)).toContain(`Phone: ${'5'.repeat(39)}…`)
    expect(toPractitioner!.text!.length).toBeLessThan(7_000)
    // The layout itself (header, button, footer, dark-mode styles) is about 5 KB of the bound.
    expect(toPractitioner!.html!.length).toBeLessThan(12_000)
    expect(payload!.patient.name).toHaveLength(200)
    expect(payload!.details?.message).toHaveLength(5_000)
  })

  it('shows the patient’s phone in the clinic country’s format with a tel: link, and one from elsewhere in the international format', async () => {
    const stored = await storeRequest(db(), {
      request: {
        kind: 'contact',
        name: 'Phone Format',
        email: 'phone.format@example.org',
        phone: '+15035550142;ext=12',
        message: 'Hi',
        preferredContact: 'phone',
      },
      preferredTimes: [],
      channels: ['email'],
      dedupeKey: crypto.randomUUID(),
      now: new Date(),
    })
    if (stored.duplicate) throw new Error('unexpected duplicate')
    const abroad = await storeRequest(db(), {
      request: { kind: 'contact', name: 'Phone Abroad', email: 'phone.abroad@example.org', phone: '+442079460958', message: 'Hi', preferredContact: 'phone' },
      preferredTimes: [],
      channels: ['email'],
      dedupeKey: crypto.randomUUID(),
      now: new Date(),
    })
    if (abroad.duplicate) throw new Error('unexpected duplicate')
    const home = await deliverAll([{ id: stored.notificationIds[0]!, channel: 'email' }], {})
    expect(linesOf(home.toPractitioner!.text)).toContain('Phone: (503) 555-0142 ext. 12')
    expect(home.toPractitioner!.html).toContain('href="tel:+15035550142;ext=12"')
    const away = await deliverAll([{ id: abroad.notificationIds[0]!, channel: 'email' }], {})
    expect(linesOf(away.toPractitioner!.text)).toContain('Phone: +44 20 7946 0958')
  })

  it('a stored address that is not a plain address is never put in a header', async () => {
    const crafted = 'someone@example.org\r\nBcc: victim@example.com'
    const stored = await storeRequest(db(), {
      request: { kind: 'contact', name: 'Crafted Row', email: crafted, message: 'Hello', preferredContact: 'email' },
      preferredTimes: [],
      channels: ['email', 'patient'],
      dedupeKey: crypto.randomUUID(),
      now: new Date(),
    })
    if (stored.duplicate) throw new Error('unexpected duplicate')
    const [practitionerId, patientId] = stored.notificationIds as [string, string]
    const { toPractitioner, toPatient } = await deliverAll(
      [
        { id: practitionerId, channel: 'email' },
        { id: patientId, channel: 'patient' },
      ],
      { ACK_PATIENT: 'true' },
    )
    expect(toPractitioner).toBeDefined()
    expect(toPractitioner!.replyTo).toBeUndefined()
    expect(linesOf(toPractitioner!.text)).toContain('Email: someone@example.org Bcc: victim@example.com')
    expect(toPractitioner!.html).not.toContain('mailto:')
    expect(toPatient).toBeUndefined()
    expect(await loadRow(patientId)).toMatchObject({ status: 'pending', lastError: 'Error: the patient address cannot be used in a header' })
  })

  it('chat mentions and link markup in a name do not ping or link in Slack or Discord', async () => {
    const { outbox } = await submit('/contact', await contactFields({ name: '<!channel> @everyone <https://evil.example|click> & co' }), withWebhook)
    const { payload } = await deliverAll(outbox, withWebhook)
    expect(payload!.text).toContain('&lt;!channel&gt; @\u200beveryone &lt;https://evil.example|click&gt; &amp; co')
  })
})

describe('NOTIFY_DETAILS', () => {
  const secret = 'My private symptoms: recurring numbness'

  it('by default keeps the message out of the email and the webhook, and says where to read it', async () => {
    const { outbox, request } = await submit('/contact', await contactFields({ message: secret }), withWebhook)
    const { toPractitioner, payload } = await deliverAll(outbox, withWebhook)
    expect(toPractitioner!.text).toContain('Name: Jamie Patient')
    expect(toPractitioner!.text).toContain('Health details (message, notes, pain) are kept out of notifications')
    for (const part of [toPractitioner!.text, toPractitioner!.html, JSON.stringify(payload)]) expect(part).not.toContain('numbness')
    expect(payload).not.toHaveProperty('details')
    expect(payload!.link).toBe(`https://clinic.example.com/admin/requests/${request.id}`)
  })

  it('keeps booking notes, pain and treatment out by default but the requested times in', async () => {
    const fields = await requestFields({ notes: secret })
    const { outbox } = await backPainByRequest(() => submit('/book', fields))
    const { toPractitioner } = await deliverAll(outbox, {})
    // The exact starts the patient picked, each on the clinic's clock.
    const picked = [fields.start]
      .flat()
      .map((start) => `  ${formatAppointmentTime(new Date(Number(start)))}`)
      .join('\n')
    expect(toPractitioner!.text).toContain(`Preferred times:\n${picked}\n`)
    for (const hidden of ['numbness', 'Disc-related', 'Back pain focused session']) expect(toPractitioner!.text).not.toContain(hidden)
  })

  it('anything but "full" counts as minimal; "full" includes the details', async () => {
    const { outbox } = await submit('/contact', await contactFields({ message: secret }))
    const typo = await deliverAll(outbox, { NOTIFY_DETAILS: 'FULL' })
    expect(typo.toPractitioner!.text).not.toContain('numbness')

    const otherFields = await requestFields({ notes: secret })
    const other = await backPainByRequest(() => submit('/book', otherFields))
    const full = await deliverAll(other.outbox, { NOTIFY_DETAILS: 'full' })
    expect(full.toPractitioner!.text).toContain(`Notes:\n  ${secret}`)
    expect(full.toPractitioner!.text).toContain('Pain: Disc-related or sciatica')
    expect(full.toPractitioner!.text).toContain('Treatment: Back pain focused session')
  })
})
