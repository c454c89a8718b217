import { afterEach, describe, expect, it, vi } from 'vitest'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition, type TransitionGuard, type TransitionWrite } from '../../../src/features/bookings/store/appointments'
import type { NotificationTopic } from '../../../src/features/notifications/domain/vocabulary'
import { expectClinicLayout } from '../../helpers/email-layout'
import { db } from '../../helpers/forms'
import { storeBooking } from '../../helpers/manage'
import { captureWebhook, deliver, loadRow, recordingEmail, withWebhook } from '../../helpers/notify'

afterEach(() => vi.restoreAllMocks())

const hourMs = 3_600_000
const now = new Date('2027-03-01T17:00:00Z')
// Tuesday 9 March 2027, 10:00 in the clinic (PST).
const tuesdayTen = new Date('2027-03-09T18:00:00Z')
// Health details shown with NOTIFY_DETAILS=full everywhere else: never in these notices.
const config = { ...withWebhook, NOTIFY_DETAILS: 'full' } satisfies Partial<Env>

/** Writes a patient's action with its notices on the practitioner's email and webhook, delivers both, and returns what they carried. */
async function noticesOf(id: string, guard: TransitionGuard, topic: NotificationTopic, write: Partial<TransitionWrite> = {}) {
  const ids = [crypto.randomUUID(), crypto.randomUUID()]
  const notifications = [
    { id: ids[0]!, channel: 'email' as const, topic },
    { id: ids[1]!, channel: 'webhook' as const, topic },
  ]
  expect(await applyTransition(db(), { id, guard, actor: 'patient', now, notifications, ...write })).toBe(true)
  const email = recordingEmail()
  const webhook = captureWebhook()
  const { result } = await deliver(
    ids.map((notificationId) => ({ notificationId, generation: 0 })),
    { env: { ...config, EMAIL: email.binding }, consumer: { now: () => now } },
  )
  expect(result.explicitAcks).toHaveLength(2)
  for (const notificationId of ids) expect(await loadRow(notificationId)).toMatchObject({ status: 'sent' })
  expect(email.sent).toHaveLength(1)
  expect(webhook).toHaveLength(1)
  expectClinicLayout(email.sent[0]!, { label: 'Open the request in the inbox', href: `https://clinic.example.com/admin/requests/${id}` })
  return { email: email.sent[0]!, payload: JSON.parse(webhook[0]!.body) as Record<string, unknown> }
}

const confirmAt = (id: string, start: Date) =>
  applyTransition(db(), {
    id,
    guard: transitions.confirm,
    actor: 'practitioner',
    now,
    set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs) },
    bumpSequence: true,
  })

const proposeAt = (id: string) => applyTransition(db(), { id, guard: transitions.propose, actor: 'practitioner', now })

function expectNoHealthDetails(...parts: unknown[]) {
  const all = JSON.stringify(parts)
  expect(all).not.toMatch(/back pain|back-pain|Robin/i)
}

describe("the practitioner's notices of the patient's actions", () => {
  it('patient-chose: the reference and the chosen time in the subject, the inbox link, the event with its time', async () => {
    const { id, reference } = await storeBooking(now)
    await proposeAt(id)
    const { email, payload } = await noticesOf(id, transitions.choose, 'patient-chose', {
      set: { confirmedStart: tuesdayTen, confirmedEnd: new Date(tuesdayTen.getTime() + hourMs) },
      bumpSequence: true,
    })
    const link = `https://clinic.example.com/admin/requests/${id}`
    expect(email.to).toBe('practitioner@clinic.example.com')
    expect(email.subject).toBe(`${reference}: the patient chose Tue, Mar 9, 10:00 AM`)
    expect(email.text).toContain('Tuesday, March 9, 2027 at 10:00 AM (Pacific Time)')
    expect(email.text).toContain(`Open the request in the inbox: ${link}`)
    expect(payload).toMatchObject({ event: 'appointment.patient-chose', reference, requestId: id, link, time: tuesdayTen.toISOString() })
    expectNoHealthDetails(email, payload)
  })

  it('patient-cancelled: the reference and fixed words, the cancelled time in the text and the event', async () => {
    const { id, reference } = await storeBooking(now)
    await confirmAt(id, tuesdayTen)
    const { email, payload } = await noticesOf(id, transitions.cancel, 'patient-cancelled', { set: { cancelledBy: 'patient' }, bumpSequence: true })
    expect(email.subject).toBe(`${reference}: the patient cancelled`)
    expect(email.text).toContain('which was confirmed for Tuesday, March 9, 2027 at 10:00 AM')
    expect(email.text).toContain(`https://clinic.example.com/admin/requests/${id}`)
    expect(payload).toMatchObject({ event: 'appointment.patient-cancelled', reference, requestId: id, time: tuesdayTen.toISOString() })
    expectNoHealthDetails(email, payload)
  })

  it('patient-asked: the new preferred times, and no time in the event', async () => {
    const { id, reference } = await storeBooking(now, { times: [{ date: '2027-03-16', period: 'afternoon' }] })
    await proposeAt(id)
    const { email, payload } = await noticesOf(id, transitions.ask, 'patient-asked')
    expect(email.subject).toBe(`${reference}: the patient asks for other times`)
    expect(email.text).toContain('- Tuesday, March 16, 2027, afternoon')
    expect(payload).toMatchObject({
      event: 'appointment.patient-asked',
      reference,
      requestId: id,
      time: null,
      preferredTimes: [{ date: '2027-03-16', period: 'afternoon' }],
    })
    expectNoHealthDetails(email, payload)
  })
})
