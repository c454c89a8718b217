import { beforeAll, describe, expect, it } from 'vitest'
import { listProposals } from '../../../../src/features/bookings/store/appointment-queries'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { appointmentHistory, confirmAt, daysAhead, outboxOf, readBooking, storeBooking } from '../../../helpers/appointments'
import { db, openWeekday } from '../../../helpers/forms'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** The revision every appointment form of the request page carries, as that page showed it. */
async function revisionShown(id: string) {
  const page = await (await adminGet(session, `/admin/requests/${id}`)).text()
  const revisions = [...page.matchAll(/<input type="hidden" name="revision" value="(\d+)"\/>/g)].map((match) => match[1])
  expect(revisions.length).toBeGreaterThan(0)
  expect(new Set(revisions).size).toBe(1)
  return revisions[0]!
}

const changedMeanwhile = 'This appointment was changed meanwhile'

// Each test has days of its own, from 41 days ahead on.
describe('two tabs showing the same appointment', () => {
  it('of two moves, only the first lands: the second is 409 and the patient gets one “moved” email', async () => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, daysAhead(41), '10:00')
    const revision = await revisionShown(booking.id)
    const first = await adminPost(session, `/admin/requests/${booking.id}/move`, { revision, slot: 'other', date: daysAhead(42), start: '10:00' })
    expect(first.status).toBe(303)
    const second = await adminPost(session, `/admin/requests/${booking.id}/move`, { revision, slot: 'other', date: daysAhead(43), start: '15:00' })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain(changedMeanwhile)
    expect((await readBooking(booking.id)).appointmentSequence).toBe(2)
    expect((await outboxOf(booking.id)).filter((row) => row.topic === 'moved')).toHaveLength(1)
    expect(await revisionShown(booking.id)).toBe(String(Number(revision) + 1))
  })

  it('of two proposals, only the first lands', async () => {
    const booking = await storeBooking()
    const revision = await revisionShown(booking.id)
    expect((await adminPost(session, `/admin/requests/${booking.id}/propose`, { revision, slot1: `${openWeekday(44)}T10:00` })).status).toBe(303)
    const second = await adminPost(session, `/admin/requests/${booking.id}/propose`, { revision, slot1: `${openWeekday(45)}T11:00` })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain(changedMeanwhile)
    expect((await listProposals(db(), booking.id)).map((proposal) => proposal.position)).toEqual([1])
    expect((await outboxOf(booking.id)).filter((row) => row.topic === 'proposed')).toHaveLength(1)
  })

  it.each([
    ['confirm', () => ({ slot: 'other', otherDate: daysAhead(46), otherStart: '10:00' })],
    ['decline', () => ({ reason: 'Away that week.' })],
    ['cancel', () => ({ reason: '' })],
  ])('a %s from a page older than a proposal is 409, nothing written', async (action, fields) => {
    const booking = await storeBooking()
    const revision = await revisionShown(booking.id)
    expect((await adminPost(session, `/admin/requests/${booking.id}/propose`, { slot1: `${openWeekday(47)}T09:00` })).status).toBe(303)
    const history = await appointmentHistory(booking.id)
    const response = await adminPost(session, `/admin/requests/${booking.id}/${action}`, { revision, ...fields() })
    expect(response.status).toBe(409)
    expect(await appointmentHistory(booking.id)).toEqual(history)
    expect((await readBooking(booking.id)).appointmentState).toBe('proposed')
  })

  it('refuses a form without the revision with 422, writing nothing', async () => {
    const booking = await storeBooking()
    const response = await adminPost(session, `/admin/requests/${booking.id}/decline`, { revision: '', reason: 'Away.' })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('This form is out of date. Reload the request and try again.')
    expect((await readBooking(booking.id)).appointmentState).toBe('requested')
  })
})
