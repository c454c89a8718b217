import { describe, expect, it } from 'vitest'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../src/features/bookings/store/appointments'
import { requeueNotification } from '../../../src/features/bookings/store/triage'
import { db } from '../../helpers/forms'
import { storeBooking } from '../../helpers/manage'
import { deliver, loadRow, recordingEmail } from '../../helpers/notify'

/*
 * An email to the patient written for one state of their appointment must not
 * reach them once a later change has replaced it: the change voids it in its
 * own batch, and the consumer looks again just before sending (a resend from
 * the inbox, or a row the batch could not see).
 */
const hourMs = 3_600_000
const at = (iso: string) => new Date(iso)

async function deliverAt(notificationId: string, now: Date) {
  const { generation } = await loadRow(notificationId)
  const email = recordingEmail()
  const { result } = await deliver([{ notificationId, generation }], { env: { EMAIL: email.binding }, consumer: { now: () => now } })
  return { row: await loadRow(notificationId), acks: result.explicitAcks.length, sent: email.sent }
}

/** A booking confirmed at `now` for `start`, with its pending confirmation email. */
async function confirmedWithEmail(now: Date, start: Date) {
  const { id } = await storeBooking(now)
  const confirmation = crypto.randomUUID()
  const confirmed = await applyTransition(db(), {
    id,
    guard: transitions.confirm,
    actor: 'practitioner',
    now,
    set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs), status: 'scheduled' },
    bumpSequence: true,
    notifications: [{ id: confirmation, channel: 'appointment', topic: 'confirmed' }],
  })
  expect(confirmed).toBe(true)
  return { id, confirmation }
}

const cancelWithEmail = async (id: string, now: Date) => {
  const cancellation = crypto.randomUUID()
  const cancelled = await applyTransition(db(), {
    id,
    guard: transitions.cancel,
    actor: 'practitioner',
    now,
    set: { cancelledBy: 'clinic' },
    bumpSequence: true,
    notifications: [{ id: cancellation, channel: 'appointment', topic: 'cancelled' }],
  })
  expect(cancelled).toBe(true)
  return cancellation
}

describe('a patient email superseded by a later change of the appointment', () => {
  it('is voided in the batch of the change that supersedes it, while the new email stays pending', async () => {
    const now = at('2030-04-01T16:00:00Z')
    const { id, confirmation } = await confirmedWithEmail(now, at('2030-04-10T17:00:00Z'))
    const cancellation = await cancelWithEmail(id, new Date(now.getTime() + 60_000))
    expect(await loadRow(confirmation)).toMatchObject({
      status: 'skipped',
      lastError: 'superseded: the appointment changed before this email went out',
      attempts: 0,
    })
    expect(await loadRow(cancellation)).toMatchObject({ status: 'pending', lastError: null })
  })

  it('leaves the pending emails alone when the patient asks to move a confirmed appointment (nothing about it changed)', async () => {
    const now = at('2030-05-01T16:00:00Z')
    const { id, confirmation } = await confirmedWithEmail(now, at('2030-05-10T17:00:00Z'))
    const asked = await applyTransition(db(), { id, guard: transitions.askAgain, actor: 'patient', now: new Date(now.getTime() + 60_000), keepReminders: true })
    expect(asked).toBe(true)
    expect(await loadRow(confirmation)).toMatchObject({ status: 'pending' })
  })

  it('a confirmation resent after the cancellation is skipped at send time, with the reason, and nothing reaches the patient', async () => {
    const now = at('2030-06-01T16:00:00Z')
    const { id, confirmation } = await confirmedWithEmail(now, at('2030-06-10T17:00:00Z'))
    const cancellation = await cancelWithEmail(id, new Date(now.getTime() + 60_000))
    expect(
      await requeueNotification(db(), { requestId: id, notificationId: confirmation, actor: 'practitioner', now: new Date(now.getTime() + 120_000) }),
    ).not.toBeNull()

    const late = await deliverAt(confirmation, new Date(now.getTime() + 180_000))
    expect(late.sent).toEqual([])
    expect(late.acks).toBe(1)
    expect(late.row).toMatchObject({ status: 'skipped', lastError: 'superseded: the appointment is now cancelled', attempts: 0 })

    const current = await deliverAt(cancellation, new Date(now.getTime() + 180_000))
    expect(current.sent).toHaveLength(1)
    expect(current.row.status).toBe('sent')
  })

  it('a confirmation for an earlier time is skipped once the appointment was moved (its SEQUENCE is not the email’s)', async () => {
    const now = at('2030-07-01T16:00:00Z')
    const { id, confirmation } = await confirmedWithEmail(now, at('2030-07-10T17:00:00Z'))
    const newStart = at('2030-07-11T17:00:00Z')
    const moved = await applyTransition(db(), {
      id,
      guard: transitions.move,
      actor: 'practitioner',
      now: new Date(now.getTime() + 60_000),
      set: { confirmedStart: newStart, confirmedEnd: new Date(newStart.getTime() + hourMs) },
      bumpSequence: true,
    })
    expect(moved).toBe(true)
    await requeueNotification(db(), { requestId: id, notificationId: confirmation, actor: 'practitioner', now: new Date(now.getTime() + 120_000) })
    const late = await deliverAt(confirmation, new Date(now.getTime() + 180_000))
    expect(late.sent).toEqual([])
    expect(late.row).toMatchObject({ status: 'skipped', lastError: 'superseded: the appointment was changed after this email was written' })
  })

  it('an email that still describes the appointment goes out', async () => {
    const now = at('2030-08-01T16:00:00Z')
    const { confirmation } = await confirmedWithEmail(now, at('2030-08-10T17:00:00Z'))
    const { row, sent } = await deliverAt(confirmation, new Date(now.getTime() + 60_000))
    expect(sent).toHaveLength(1)
    expect(row.status).toBe('sent')
  })
})
