import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../src/features/bookings/store/appointments'
import { requests } from '../../../src/features/bookings/store/schema'
import { changeStatus, requeueNotification } from '../../../src/features/bookings/store/triage'
import { db } from '../../helpers/forms'
import { deliver, loadRow, recordingEmail } from '../../helpers/notify'
import { confirmedBooking, remindersOf } from '../../helpers/reminders'

/*
 * A reminder voided by a transition ends `skipped`, and a skipped row is never
 * sent. These tests put such a reminder back in the outbox the way the inbox
 * can (a resend), so only the consumer's own look at the appointment, just
 * before sending, stands between it and the patient.
 */
const hourMs = 3_600_000
const after = (start: Date, ms: number) => new Date(start.getTime() + ms)

/** Delivers a reminder's current chain at `now` and returns the row, the acks and the emails sent. */
async function deliverReminder(id: string, now: Date) {
  const { generation } = await loadRow(id)
  const email = recordingEmail()
  const { result } = await deliver([{ notificationId: id, generation }], { env: { EMAIL: email.binding }, consumer: { now: () => now } })
  return { row: await loadRow(id), acks: result.explicitAcks.length, sent: email.sent }
}

const resend = async (requestId: string, notificationId: string, now: Date) => {
  expect(await requeueNotification(db(), { requestId, notificationId, actor: 'practitioner', now })).not.toBeNull()
}

describe('the consumer looks at the appointment again just before sending a reminder', () => {
  it('never sends a reminder for a cancelled appointment', async () => {
    const start = new Date('2021-05-12T17:00:00Z')
    const due = after(start, -24 * hourMs)
    const { requestId, reminders } = await confirmedBooking({ storedAt: after(start, -96 * hourMs), start, reminders: [due] })
    const cancelledAt = after(start, -48 * hourMs)
    expect(
      await applyTransition(db(), {
        id: requestId,
        guard: transitions.cancel,
        actor: 'practitioner',
        now: cancelledAt,
        set: { cancelledBy: 'clinic' },
        bumpSequence: true,
      }),
    ).toBe(true)
    await resend(requestId, reminders[0]!.id, after(cancelledAt, 60_000))

    const { row, acks, sent } = await deliverReminder(reminders[0]!.id, due)
    expect(sent).toEqual([])
    expect(acks).toBe(1)
    expect(row).toMatchObject({ status: 'skipped', lastError: 'the appointment is cancelled, no longer confirmed', attempts: 0 })
  })

  it('skips the reminder of a moved appointment’s old time and sends the new time’s', async () => {
    const start = new Date('2021-06-12T17:00:00Z')
    const {
      requestId,
      reminders: [old],
    } = await confirmedBooking({ storedAt: after(start, -96 * hourMs), start, reminders: [after(start, -24 * hourMs)] })
    const movedAt = after(start, -72 * hourMs)
    const newStart = after(start, 2 * hourMs)
    const moved = await applyTransition(db(), {
      id: requestId,
      guard: transitions.move,
      actor: 'practitioner',
      now: movedAt,
      set: { confirmedStart: newStart, confirmedEnd: after(newStart, hourMs) },
      bumpSequence: true,
      reminders: [after(newStart, -24 * hourMs)],
    })
    expect(moved).toBe(true)
    await resend(requestId, old!.id, after(movedAt, 60_000))
    const current = (await remindersOf(requestId)).find((row) => row.id !== old!.id)!
    expect(current).toMatchObject({ status: 'pending', appointmentSequence: 2 })

    const stale = await deliverReminder(old!.id, after(start, -24 * hourMs))
    expect(stale.sent).toEqual([])
    expect(stale.row).toMatchObject({ status: 'skipped', lastError: 'the appointment was changed after this reminder was planned', attempts: 0 })

    // The new time's reminder passes the look and goes to the send.
    const fresh = await deliverReminder(current.id, after(newStart, -24 * hourMs))
    expect(fresh.row.status).not.toBe('skipped')
    expect(fresh.row.attempts).toBe(1)
  })

  it('skips a reminder that arrives once the appointment has started', async () => {
    const start = new Date('2021-07-12T17:00:00Z')
    const { reminders } = await confirmedBooking({ storedAt: after(start, -96 * hourMs), start, reminders: [after(start, -hourMs)] })
    const { row, sent } = await deliverReminder(reminders[0]!.id, start)
    expect(sent).toEqual([])
    expect(row).toMatchObject({ status: 'skipped', lastError: 'the appointment has already started' })
  })

  it('skips the reminder of a booking marked spam or closed since, whose time is released', async () => {
    const start = new Date('2021-08-12T17:00:00Z')
    const due = after(start, -24 * hourMs)
    for (const status of ['spam', 'closed'] as const) {
      const { requestId, reminders } = await confirmedBooking({ storedAt: after(start, -96 * hourMs), start, reminders: [due] })
      // Marked without the inbox's own write (an older copy of the site, a hand edit): only the look before sending is left.
      await db().update(requests).set({ status }).where(eq(requests.id, requestId))
      const { row, sent } = await deliverReminder(reminders[0]!.id, due)
      expect(sent).toEqual([])
      expect(row).toMatchObject({ status: 'skipped', lastError: `the booking is marked ${status}, which released its time` })
    }
  })
})

describe('marking a confirmed booking spam or closed', () => {
  it('voids its pending reminders in the same write, with the reason', async () => {
    const start = new Date('2021-09-12T17:00:00Z')
    for (const status of ['spam', 'closed'] as const) {
      const { requestId, reminders } = await confirmedBooking({
        storedAt: after(start, -96 * hourMs),
        start,
        reminders: [after(start, -48 * hourMs), after(start, -24 * hourMs)],
      })
      expect(await changeStatus(db(), { id: requestId, status, actor: 'practitioner', now: after(start, -72 * hourMs) })).toBe('changed')
      const rows = await remindersOf(requestId)
      expect(rows.map((row) => [row.status, row.lastError])).toEqual([
        ['skipped', `the booking was marked ${status}, which released its time`],
        ['skipped', `the booking was marked ${status}, which released its time`],
      ])
      expect(reminders).toHaveLength(2)
    }
  })

  it('leaves the reminders of a booking given another status as they are', async () => {
    const start = new Date('2021-10-12T17:00:00Z')
    const { requestId } = await confirmedBooking({ storedAt: after(start, -96 * hourMs), start, reminders: [after(start, -24 * hourMs)] })
    expect(await changeStatus(db(), { id: requestId, status: 'contacted', actor: 'practitioner', now: after(start, -72 * hourMs) })).toBe('changed')
    expect((await remindersOf(requestId)).map((row) => row.status)).toEqual(['pending'])
  })
})
