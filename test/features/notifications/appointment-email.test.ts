import { and, eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition, type TransitionGuard, type TransitionWrite } from '../../../src/features/bookings/store/appointments'
import { findRequestByManageToken } from '../../../src/features/bookings/store/manage-tokens'
import { appointmentProposals, manageTokens, requests } from '../../../src/features/bookings/store/schema'
import type { NotificationChannel, NotificationTopic } from '../../../src/features/notifications/domain/vocabulary'
import { notifications } from '../../../src/features/notifications/store/schema'
import { expectClinicLayout } from '../../helpers/email-layout'
import { db } from '../../helpers/forms'
import { storeBooking } from '../../helpers/manage'
import { deliver, loadRow, recordingEmail } from '../../helpers/notify'
import { interceptResend, viaResend } from '../../helpers/resend'

afterEach(() => vi.restoreAllMocks())

const hourMs = 3_600_000
const now = new Date('2027-03-01T17:00:00Z')
// Tuesday 9 March 2027, 10:00 on the clinic's wall clock (PST, UTC-8).
const tuesdayTen = new Date('2027-03-09T18:00:00Z')
const tuesdayTenText = 'Tuesday, March 9, 2027 at 10:00 AM (Pacific Time)'
// Thursday 11 March 2027, 14:30 in the clinic.
const thursdayHalfPastTwo = new Date('2027-03-11T22:30:00Z')
const thursdayText = 'Thursday, March 11, 2027 at 2:30 PM (Pacific Time)'

/** Writes one transition with one patient email on `topic`, and returns that notification's id. */
async function writeWith(
  id: string,
  guard: TransitionGuard,
  topic: NotificationTopic,
  write: Partial<TransitionWrite> = {},
  channel: NotificationChannel = 'appointment',
) {
  const notificationId = crypto.randomUUID()
  const applied = await applyTransition(db(), { id, guard, actor: 'practitioner', now, notifications: [{ id: notificationId, channel, topic }], ...write })
  if (!applied) throw new Error('the transition was refused')
  return notificationId
}

const confirmAt = (id: string, start: Date, topic: NotificationTopic = 'confirmed', channel: NotificationChannel = 'appointment') =>
  writeWith(
    id,
    transitions.confirm,
    topic,
    { set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs), status: 'scheduled' }, bumpSequence: true },
    channel,
  )

/** Sends one notification through the real queue handler and the real email binding; returns what was sent. */
async function send(notificationId: string, env: Partial<Env> = {}) {
  const email = recordingEmail()
  const { ids, result } = await deliver([{ notificationId, generation: 0 }], { env: { EMAIL: email.binding, ...env }, consumer: { now: () => now } })
  expect(result.explicitAcks).toEqual(ids)
  expect(await loadRow(notificationId)).toMatchObject({ status: 'sent' })
  expect(email.sent).toHaveLength(1)
  const message = email.sent[0]!
  return { ...message, text: message.text!, html: message.html!, attachments: message.attachments ?? [] }
}

/** The request the email's /manage link opens (the link must work). */
async function requestOpenedBy(text: string) {
  const token = /https:\/\/clinic\.example\.com\/manage\/([0-9a-f]{32})\b/.exec(text)?.[1]
  expect(token, text).toBeDefined()
  return (await findRequestByManageToken(db(), token!))?.request.id
}

/** The one VEVENT of an attached invitation as ical.js reads it, with the calendar's METHOD. */
function readInvitation(attachment: { type: string; content: string | ArrayBuffer | ArrayBufferView }) {
  const calendar = new ICAL.Component(ICAL.parse(attachment.content as string))
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    status: event.component.getFirstPropertyValue('status'),
    type: attachment.type,
  }
}

const pageLink = /^https:\/\/clinic\.example\.com\/manage\/[0-9a-f]{32}$/
const seeAppointment = { label: 'See your appointment', href: pageLink }
const bookAgain = { label: 'Book an appointment', href: 'https://clinic.example.com/book' }

async function booking() {
  const stored = await storeBooking(now)
  const [row] = await db().select().from(requests).where(eq(requests.id, stored.id))
  return { ...stored, email: row!.email }
}

describe("the patient's appointment emails", () => {
  it('proposed: each time with its weekday in the clinic’s zone, and the page to choose on', async () => {
    const { id, email, reference } = await booking()
    const notificationId = await writeWith(id, transitions.propose, 'proposed', {
      alongside: () => [
        db()
          .insert(appointmentProposals)
          .values({ requestId: id, position: 1, start: tuesdayTen, end: new Date(tuesdayTen.getTime() + hourMs) }),
        db()
          .insert(appointmentProposals)
          .values({ requestId: id, position: 2, start: thursdayHalfPastTwo, end: new Date(thursdayHalfPastTwo.getTime() + hourMs) }),
      ],
    })
    const message = await send(notificationId)
    expect(message.to).toBe(email)
    expect(message.subject).toBe(`Times for your appointment ${reference}`)
    expect(message.text).toContain(`- ${tuesdayTenText}\n- ${thursdayText}`)
    expect(message.text).toContain('choose one on your page')
    expectClinicLayout(message, { label: 'Choose a time', href: pageLink })
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(message.attachments).toEqual([])
  })

  it('confirmed: the time, the address, the cancellation notice, the page and a REQUEST invitation', async () => {
    const { id, email } = await booking()
    const message = await send(await confirmAt(id, tuesdayTen))
    expect(message.to).toBe(email)
    expect(message.subject).toBe(`Your appointment is confirmed: ${tuesdayTenText}`)
    // The time, the place and the reference read as facts, not as "Appointment, at 123 Example Street".
    expect(message.text).toContain(`When: ${tuesdayTenText}\nWhere: 123 Example Street`)
    expect(message.text).not.toContain('Appointment, at')
    expectClinicLayout(message, seeAppointment)
    expect(message.text).toContain('123 Example Street')
    expect(message.text).toContain('up to 24 hours before the start')
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(message.attachments).toHaveLength(1)
    expect(message.attachments[0]).toMatchObject({ filename: 'appointment.ics', type: 'text/calendar; method=REQUEST; charset=utf-8' })
    expect(readInvitation(message.attachments[0]!)).toMatchObject({
      method: 'REQUEST',
      uid: `${id}@clinic.example.com`,
      sequence: 1,
      start: tuesdayTen,
      status: 'CONFIRMED',
    })
  })

  it('sets Reply-To to the request’s reply address, or the clinic’s address when REPLY_ADDRESS is empty', async () => {
    const { id, reference } = await booking()
    const threaded = await send(await confirmAt(id, tuesdayTen))
    expect(threaded.replyTo).toMatch(new RegExp(`^replies\\+${reference.toLowerCase()}-[0-9a-f]{20}@clinic\\.example\\.com$`))
    const other = await booking()
    expect((await send(await confirmAt(other.id, thursdayHalfPastTwo), { REPLY_ADDRESS: '' })).replyTo).toBe('hello@clinic.example.com')
  })

  it('confirmed on the legacy confirmation channel: the same email', async () => {
    const { id } = await booking()
    const message = await send(await confirmAt(id, tuesdayTen, 'confirmed', 'confirmation'))
    expect(message.subject).toBe(`Your appointment is confirmed: ${tuesdayTenText}`)
    expectClinicLayout(message, seeAppointment)
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(readInvitation(message.attachments[0]!)).toMatchObject({ method: 'REQUEST', sequence: 1 })
  })

  it('moved: the new time, the same invitation UID with the next SEQUENCE', async () => {
    const { id } = await booking()
    const first = readInvitation((await send(await confirmAt(id, tuesdayTen))).attachments[0]!)
    const moved = await writeWith(id, transitions.move, 'moved', {
      set: { confirmedStart: thursdayHalfPastTwo, confirmedEnd: new Date(thursdayHalfPastTwo.getTime() + hourMs) },
      bumpSequence: true,
    })
    const message = await send(moved)
    expect(message.subject).toBe(`Your appointment has moved: ${thursdayText}`)
    expectClinicLayout(message, seeAppointment)
    expect(message.text).not.toContain(tuesdayTenText)
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(readInvitation(message.attachments[0]!)).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: 2, start: thursdayHalfPastTwo })
  })

  it('shows the time the request has when the email goes out, not the one it was written for', async () => {
    const { id } = await booking()
    const confirmed = await confirmAt(id, tuesdayTen)
    await db()
      .update(requests)
      .set({ confirmedStart: thursdayHalfPastTwo, confirmedEnd: new Date(thursdayHalfPastTwo.getTime() + hourMs) })
      .where(eq(requests.id, id))
    expect((await send(confirmed)).subject).toBe(`Your appointment is confirmed: ${thursdayText}`)
  })

  it('cancelled by the clinic: the practitioner’s reason, a CANCEL for the calendar, a way to book again', async () => {
    const { id } = await booking()
    await confirmAt(id, tuesdayTen)
    const cancelled = await writeWith(id, transitions.cancel, 'cancelled', {
      set: { cancelledBy: 'clinic', appointmentReason: 'The clinic is closed that day.' },
      bumpSequence: true,
    })
    const message = await send(cancelled)
    expect(message.text).toContain(`has had to cancel your appointment for ${tuesdayTenText}`)
    expect(message.text).toContain("The practitioner's note: The clinic is closed that day.")
    expectClinicLayout(message, bookAgain)
    expect(message.text).toContain('https://clinic.example.com/book')
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(message.attachments[0]).toMatchObject({ type: 'text/calendar; method=CANCEL; charset=utf-8' })
    expect(readInvitation(message.attachments[0]!)).toMatchObject({ method: 'CANCEL', uid: `${id}@clinic.example.com`, sequence: 2, status: 'CANCELLED' })
  })

  it('cancelled by the patient: "you cancelled"; without a confirmed time there is no invitation', async () => {
    const { id } = await booking()
    const cancelled = await writeWith(id, transitions.cancel, 'cancelled', { set: { cancelledBy: 'patient' }, actor: 'patient' })
    const message = await send(cancelled)
    expect(message.text).toContain('You cancelled your appointment at')
    expectClinicLayout(message, bookAgain)
    expect(message.text).toContain('https://clinic.example.com/book')
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(message.attachments).toEqual([])
  })

  it('declined: a kind word, the reason and a way to request again', async () => {
    const { id, reference } = await booking()
    const message = await send(await writeWith(id, transitions.decline, 'declined', { set: { appointmentReason: 'No evening times this month.' } }))
    expect(message.subject).toBe(`About your booking request ${reference}`)
    expect(message.text).toContain('We are sorry that we cannot offer you an appointment')
    expect(message.text).toContain("The practitioner's note: No evening times this month.")
    expectClinicLayout(message, bookAgain)
    expect(message.text).toContain('https://clinic.example.com/book')
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(message.attachments).toEqual([])
  })

  it('expired: sorry, the clinic’s phone, a way to request again', async () => {
    const { id } = await booking()
    const message = await send(await writeWith(id, transitions.expire, 'expired', { actor: 'system' }))
    expect(message.text).toContain('we could not answer your booking request')
    expect(message.text).toContain('Please call us on +1 555 010 0000')
    expectClinicLayout(message, bookAgain)
    expect(message.text).toContain('https://clinic.example.com/book')
    expect(await requestOpenedBy(message.text)).toBe(id)
  })

  it('reminder: the time, the address, the notice, the page and the current invitation', async () => {
    const { id } = await booking()
    const dueAt = new Date(tuesdayTen.getTime() - 24 * hourMs)
    await writeWith(id, transitions.confirm, 'confirmed', {
      set: { confirmedStart: tuesdayTen, confirmedEnd: new Date(tuesdayTen.getTime() + hourMs) },
      bumpSequence: true,
      reminders: [dueAt],
    })
    const [reminder] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.requestId, id), eq(notifications.topic, 'reminder')))
    const message = await send(reminder!.id)
    expect(message.subject).toBe(`Reminder: your appointment on ${tuesdayTenText}`)
    expectClinicLayout(message, seeAppointment)
    expect(message.text).toContain('123 Example Street')
    expect(message.text).toContain('up to 24 hours before the start')
    expect(await requestOpenedBy(message.text)).toBe(id)
    expect(readInvitation(message.attachments[0]!)).toMatchObject({ method: 'REQUEST', sequence: 1, start: tuesdayTen })
  })

  it('names the treatment only under NOTIFY_DETAILS=full', async () => {
    const minimal = await booking()
    const plain = await send(await confirmAt(minimal.id, tuesdayTen))
    expect(`${plain.subject}${plain.text}${plain.html}${plain.attachments[0]!.content as string}`).not.toMatch(/back pain/i)
    const full = await booking()
    const detailed = await send(await confirmAt(full.id, thursdayHalfPastTwo), { NOTIFY_DETAILS: 'full' })
    expect(detailed.text).toMatch(/back pain/i)
  })

  it('sends a retry byte for byte as the first try, with the same key and the same page link', async () => {
    const { id } = await booking()
    const confirmed = await confirmAt(id, tuesdayTen)
    const answers = [new Response('unavailable', { status: 503 }), Response.json({ id: 're-appointment' })]
    const calls = interceptResend(async () => answers.shift()!)
    await deliver([{ notificationId: confirmed, generation: 0 }], { env: viaResend, consumer: { now: () => now } })
    await deliver([{ notificationId: confirmed, generation: 0 }], { env: viaResend, attempts: 2, consumer: { now: () => new Date(now.getTime() + 60_000) } })
    expect(calls).toHaveLength(2)
    expect(calls[1]!.headers.get('Idempotency-Key')).toBe(`${confirmed}:0`)
    expect(calls[0]!.headers.get('Idempotency-Key')).toBe(`${confirmed}:0`)
    expect(JSON.stringify(calls[1]!.body)).toBe(JSON.stringify(calls[0]!.body))
    expect(await loadRow(confirmed)).toMatchObject({ status: 'sent', providerMessageId: 're-appointment' })
    // The page token the booking was stored with, and the one link both tries carried.
    expect(await db().select().from(manageTokens).where(eq(manageTokens.requestId, id))).toHaveLength(2)
  })

  it('fails (and retries) a patient email on a topic that has none', async () => {
    const { id } = await booking()
    const notificationId = crypto.randomUUID()
    await db().insert(notifications).values({ id: notificationId, requestId: id, channel: 'appointment', topic: 'request', createdAt: now })
    const { result } = await deliver([{ notificationId, generation: 0 }], { consumer: { now: () => now } })
    expect(result.retryMessages).toHaveLength(1)
    expect((await loadRow(notificationId)).lastError).toContain('no email is written for the "request" topic')
  })
})
