import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { listProposals } from '../../../../src/features/bookings/store/appointment-queries'
import { requests } from '../../../../src/features/bookings/store/schema'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { appointmentHistory, changedBeforeWrite, confirmAt, daysAhead, outboxOf, readBooking, startedAgo, storeBooking } from '../../../helpers/appointments'
import { contactFields, db, openWeekday, post, referenceFrom } from '../../../helpers/forms'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

type Setup = 'requested' | 'proposed' | 'confirmed' | 'started' | 'declined' | 'cancelled' | 'attended'

/** A booking brought to `setup` through the inbox's own routes. */
async function bookingIn(setup: Setup) {
  const booking = await storeBooking()
  const act = async (action: string, fields: Record<string, string>) =>
    expect((await adminPost(session, `/admin/requests/${booking.id}/${action}`, fields)).status, `${setup}: ${action}`).toBe(303)
  // Proposals on day 6, confirmations on day 5: a proposal is never refused for another test's confirmation.
  if (setup === 'proposed') await act('propose', { slot1: `${openWeekday(6)}T10:00` })
  if (setup === 'declined') await act('decline', { reason: 'Away that fortnight.' })
  if (['confirmed', 'started', 'cancelled', 'attended'].includes(setup)) await confirmAt(session, booking.id, daysAhead(5), '10:00')
  if (setup === 'cancelled') await act('cancel', {})
  if (setup === 'started' || setup === 'attended') await startedAgo(booking.id, 30)
  if (setup === 'attended') await act('outcome', { outcome: 'attended' })
  expect((await readBooking(booking.id)).appointmentState).toBe(setup === 'started' ? 'confirmed' : setup)
  return booking
}

/** A valid form for each action, so only the appointment's state can refuse it. */
const actions = {
  propose: ['propose', () => ({ slot1: `${openWeekday(8)}T11:00` })],
  confirm: ['confirm', () => ({ slot: 'other', otherDate: daysAhead(8), otherStart: '15:00' })],
  decline: ['decline', () => ({ reason: 'Fully booked.' })],
  move: ['move', () => ({ slot: 'other', date: daysAhead(9), start: '11:00' })],
  cancel: ['cancel', () => ({ reason: '' })],
  attended: ['outcome', () => ({ outcome: 'attended' })],
  'no-show': ['outcome', () => ({ outcome: 'no-show' })],
  'late-cancelled': ['outcome', () => ({ outcome: 'late-cancelled' })],
} as const

describe('actions the appointment’s state or start rules out', () => {
  it.each([
    ['no-show', 'cancelled', 'This appointment is now “Cancelled”, so it can no longer be marked as not attended.'],
    ['attended', 'declined', 'This appointment is now “Declined”, so it can no longer be marked as attended.'],
    ['propose', 'confirmed', 'This appointment is now “Confirmed”, so it can no longer be given proposed times.'],
    ['decline', 'confirmed', 'This appointment is now “Confirmed”, so it can no longer be declined.'],
    ['move', 'proposed', 'so it can no longer be moved.'],
    ['cancel', 'attended', 'This appointment is now “Attended”, so it can no longer be cancelled.'],
    ['move', 'started', 'This appointment has already started, so it can no longer be moved.'],
    ['cancel', 'started', 'This appointment has already started, so it can no longer be cancelled.'],
    ['late-cancelled', 'confirmed', 'This appointment has not started yet.'],
    ['confirm', 'declined', 'This appointment is now “Declined”, so it can no longer be confirmed.'],
    ['confirm', 'cancelled', 'This appointment is now “Cancelled”, so it can no longer be confirmed.'],
    ['confirm', 'confirmed', 'This booking was already confirmed.'],
  ] as const)('%s when the appointment is %s: 409 saying why, nothing written', async (action, setup, message) => {
    const booking = await bookingIn(setup)
    const before = { row: await readBooking(booking.id), history: await appointmentHistory(booking.id), outbox: await outboxOf(booking.id) }
    const [route, fields] = actions[action]
    const response = await adminPost(session, `/admin/requests/${booking.id}/${route}`, fields())
    expect(response.status).toBe(409)
    expect(await response.text()).toContain(message)
    expect(await readBooking(booking.id)).toEqual(before.row)
    expect(await appointmentHistory(booking.id)).toEqual(before.history)
    expect(await outboxOf(booking.id)).toEqual(before.outbox)
  })

  it('answers 404 for a question or an unknown id', async () => {
    const reference = referenceFrom(await post('/contact', await contactFields()))
    const [question] = await db().select().from(requests).where(eq(requests.reference, reference))
    for (const id of [question!.id, crypto.randomUUID()]) {
      const response = await adminPost(session, `/admin/requests/${id}/cancel`, {})
      expect(response.status).toBe(404)
    }
  })
})

describe('a write that matches nothing because the appointment changed after the page was read', () => {
  it.each([
    ['decline', 'requested', 'cancel', {}],
    ['propose', 'proposed', 'decline', { reason: 'Booked up.' }],
    ['cancel', 'requested', 'decline', { reason: 'Booked up.' }],
    ['move', 'confirmed', 'cancel', {}],
    ['no-show', 'started', 'outcome', { outcome: 'attended' }],
  ] as const)('%s when the appointment is %s and a %s lands first: 409, only the first change written', async (action, setup, first, firstFields) => {
    const booking = await bookingIn(setup)
    const history = await appointmentHistory(booking.id)
    let firstStatus = 0
    const meanwhile = changedBeforeWrite(async () => {
      firstStatus = (await adminPost(session, `/admin/requests/${booking.id}/${first}`, firstFields)).status
    })
    const [route, fields] = actions[action]
    const response = await adminPost(session, `/admin/requests/${booking.id}/${route}`, fields(), meanwhile)
    expect(firstStatus).toBe(303)
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('This appointment was changed meanwhile')
    expect(await appointmentHistory(booking.id)).toHaveLength(history.length + 1)
  })
})

describe('a confirmation that loses its race says what the booking became', () => {
  it.each([
    ['decline', { reason: 'Booked up.' }, 'This appointment is now “Declined”, so it can no longer be confirmed.'],
    ['confirm', { slot: 'other', otherDate: daysAhead(6), otherStart: '16:00' }, 'This booking was already confirmed.'],
  ] as const)('a %s lands between the read and the write: 409 worded from the booking as it now stands', async (first, firstFields, message) => {
    const booking = await storeBooking()
    const meanwhile = changedBeforeWrite(async () => {
      expect((await adminPost(session, `/admin/requests/${booking.id}/${first}`, firstFields)).status).toBe(303)
    })
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/confirm`,
      { slot: 'other', otherDate: daysAhead(7), otherStart: '16:00' },
      meanwhile,
    )
    expect(response.status).toBe(409)
    expect(await response.text()).toContain(message)
    expect(await appointmentHistory(booking.id)).toHaveLength(1)
  })
})

describe('confirming and proposing at once', () => {
  it('both read the booking as requested; the confirmation lands first: exactly one wins and the history shows one event', async () => {
    const booking = await storeBooking()
    let confirmed: Response | undefined
    const meanwhile = changedBeforeWrite(async () => {
      confirmed = await adminPost(session, `/admin/requests/${booking.id}/confirm`, { slot: 'other', otherDate: daysAhead(6), otherStart: '13:00' })
    })
    const proposed = await adminPost(session, `/admin/requests/${booking.id}/propose`, { slot1: `${openWeekday(7)}T09:00` }, meanwhile)
    expect([confirmed?.status, proposed.status]).toEqual([303, 409])
    expect(await appointmentHistory(booking.id)).toEqual([expect.stringMatching(/^requested → confirmed: /)])
    expect(await listProposals(db(), booking.id)).toEqual([])
    expect((await outboxOf(booking.id)).filter((row) => row.topic === 'proposed')).toEqual([])
    expect(await (await adminGet(session, `/admin/requests/${booking.id}`)).text()).toContain('<dd>Confirmed</dd>')
  })

  it('a time confirmed for another patient between the check and the write stops the proposal', async () => {
    const day = openWeekday(11)
    const other = await storeBooking()
    const booking = await storeBooking()
    const meanwhile = changedBeforeWrite(() => confirmAt(session, other.id, day, '10:00'))
    const response = await adminPost(session, `/admin/requests/${booking.id}/propose`, { slot1: `${day}T10:30` }, meanwhile)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(`A proposed time overlaps a confirmed appointment (${other.reference})`)
    expect(await readBooking(booking.id)).toMatchObject({ appointmentState: 'requested' })
    expect(await appointmentHistory(booking.id)).toEqual([])
    expect(await listProposals(db(), booking.id)).toEqual([])
  })
})

describe('marking a booking spam or closed releases its time', () => {
  it.each(['spam', 'closed'] as const)('a confirmed booking later marked %s no longer flags an overlap', async (status) => {
    const day = daysAhead(status === 'spam' ? 13 : 14)
    const first = await storeBooking()
    const second = await storeBooking()
    await confirmAt(session, first.id, day, '10:00')
    await confirmAt(session, second.id, day, '10:30')
    const flagged = 'This appointment overlaps another confirmed appointment'
    expect(await (await adminGet(session, `/admin/requests/${second.id}`)).text()).toContain(flagged)
    expect((await adminPost(session, `/admin/requests/${first.id}/status`, { status })).status).toBe(303)
    expect(await (await adminGet(session, `/admin/requests/${second.id}`)).text()).not.toContain(flagged)
  })
})
