import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition, type TransitionWrite } from '../../../src/features/bookings/store/appointments'
import { requests } from '../../../src/features/bookings/store/schema'
import { notifications } from '../../../src/features/notifications/store/schema'
import { createDb } from '../../../src/platform/database'
import { addDays, zonedInstant } from '../../../src/platform/time-zone'
import { type AdminSession, adminPost, signIn } from '../../helpers/admin'
import { wrapBinding } from '../../helpers/bindings'
import { backPainByRequest, requestFields } from '../../helpers/book'
import { db, openWeekday, post, referenceFrom } from '../../helpers/forms'
import { confirmedBooking, remindersOf } from '../../helpers/reminders'

/*
 * A reminder is written in the same D1 batch as the confirmation that plans it,
 * and voided in the same batch as any later transition: a fault in one
 * statement of the batch leaves everything as it was.
 */
const hourMs = 3_600_000
const after = (start: Date, ms: number) => new Date(start.getTime() + ms)

/** The real D1 binding, except that D1 refuses the outbox rows whose bound values include `value`. */
const refusingRows = (value: string): D1Database =>
  wrapBinding(env.DB, {
    prepare: (query: string) => {
      const statement = env.DB.prepare(query)
      // A null id breaks NOT NULL: D1 refuses the statement, and with it the whole batch.
      return wrapBinding(statement, { bind: (...params: unknown[]) => statement.bind(...(params.includes(value) ? [null, ...params.slice(1)] : params)) })
    },
  })

/** The real D1 binding, except that every update of a request names a table that does not exist. */
const refusingRequestUpdates = (): D1Database =>
  wrapBinding(env.DB, { prepare: (query: string) => env.DB.prepare(query.replace(/^update "requests"/, 'update "missing_requests"')) })

const requestRow = async (id: string) => (await db().select().from(requests).where(eq(requests.id, id)))[0]!
const outboxOf = (id: string) => db().select().from(notifications).where(eq(notifications.requestId, id))

describe('reminders are written with the confirmation that plans them', () => {
  let session: AdminSession
  beforeAll(async () => {
    session = await signIn()
  })

  async function storeBooking() {
    const fields = await requestFields()
    const reference = referenceFrom(await backPainByRequest(() => post('/book', fields)))
    const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
    return row!
  }

  it('the confirm route writes the reminder for the confirmed time and sequence', async () => {
    const booking = await storeBooking()
    const date = openWeekday(21)
    expect((await adminPost(session, `/admin/requests/${booking.id}/confirm`, { slot: 'other', otherDate: date, otherStart: '10:00' })).status).toBe(303)
    const reminders = await remindersOf(booking.id)
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toMatchObject({
      channel: 'appointment',
      status: 'pending',
      appointmentSequence: 1,
      dueAt: zonedInstant(addDays(date, -1), '10:00', practice.timeZone),
    })
  })

  it('a confirmation whose reminder cannot be written is not written either', async () => {
    const booking = await storeBooking()
    const DB = refusingRows('reminder')
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/confirm`,
      { slot: 'other', otherDate: openWeekday(22), otherStart: '10:00' },
      { DB },
    )
    expect(response.status).not.toBe(303)
    expect(await requestRow(booking.id)).toMatchObject({ appointmentState: 'requested', appointmentSequence: 0, confirmedStart: null })
    // Only the form's own notices (the practitioner's email, the patient's acknowledgement): no confirmation, no reminder.
    expect((await outboxOf(booking.id)).map((row) => row.channel).sort()).toEqual(['email', 'patient'])
  })
})

describe('every later transition voids the pending reminders in its own batch (applyTransition)', () => {
  const start = new Date('2021-08-12T17:00:00Z')
  const newStart = after(start, 48 * hourMs)
  const setUp = () => confirmedBooking({ storedAt: after(start, -96 * hourMs), start, reminders: [after(start, -24 * hourMs), after(start, -2 * hourMs)] })
  const changedAt = after(start, -72 * hourMs)
  const writes: Record<'move' | 'cancel', (id: string) => TransitionWrite> = {
    move: (id) => ({
      id,
      guard: transitions.move,
      actor: 'practitioner',
      now: changedAt,
      set: { confirmedStart: newStart, confirmedEnd: after(newStart, hourMs) },
      bumpSequence: true,
      reminders: [after(newStart, -24 * hourMs)],
    }),
    cancel: (id) => ({ id, guard: transitions.cancel, actor: 'patient', now: changedAt, set: { cancelledBy: 'patient' }, bumpSequence: true }),
  }

  it('move: the old time’s reminders end skipped, the new time’s are pending on the new sequence', async () => {
    const { requestId, reminders } = await setUp()
    expect(await applyTransition(db(), writes.move(requestId))).toBe(true)
    const rows = await remindersOf(requestId)
    expect(
      rows
        .filter((row) => row.status === 'skipped')
        .map((row) => row.id)
        .sort(),
    ).toEqual(reminders.map((row) => row.id).sort())
    expect(rows.filter((row) => row.status === 'skipped').every((row) => row.lastError === 'the appointment changed before the reminder was due')).toBe(true)
    expect(rows.filter((row) => row.status === 'pending')).toEqual([expect.objectContaining({ appointmentSequence: 2, dueAt: after(newStart, -24 * hourMs) })])
  })

  it('cancel: every pending reminder ends skipped and none is written', async () => {
    const { requestId } = await setUp()
    expect(await applyTransition(db(), writes.cancel(requestId))).toBe(true)
    expect((await remindersOf(requestId)).map((row) => row.status)).toEqual(['skipped', 'skipped'])
    expect(await requestRow(requestId)).toMatchObject({ appointmentState: 'cancelled', appointmentSequence: 2 })
  })

  it.each(['move', 'cancel'] as const)('%s: when the state change fails, the reminders are left as they were', async (action) => {
    const { requestId, reminders } = await setUp()
    // D1 refuses the batch's last statement, the update of the request itself.
    await expect(applyTransition(createDb(refusingRequestUpdates()), writes[action](requestId))).rejects.toThrow(/no such table: missing_requests/)
    expect(await remindersOf(requestId)).toEqual(reminders)
    expect(await requestRow(requestId)).toMatchObject({ appointmentState: 'confirmed', appointmentSequence: 1, confirmedStart: start })
  })

  it('a transition the guard refuses voids nothing, and no other booking’s reminders', async () => {
    const mine = await setUp()
    const other = await setUp()
    expect(await applyTransition(db(), { ...writes.cancel(mine.requestId), guard: transitions.attended })).toBe(false)
    expect(await remindersOf(mine.requestId)).toEqual(mine.reminders)
    expect(await applyTransition(db(), writes.cancel(mine.requestId))).toBe(true)
    expect(await remindersOf(other.requestId)).toEqual(other.reminders)
  })
})
