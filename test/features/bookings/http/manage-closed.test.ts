import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { askForOtherTimes, cancelBooking, chooseProposal } from '../../../../src/features/bookings/http/manage-actions'
import { loadManagedBooking } from '../../../../src/features/bookings/store/manage'
import { requestEvents } from '../../../../src/features/bookings/store/schema'
import { changeStatus } from '../../../../src/features/bookings/store/triage'
import { readAppointmentPolicy } from '../../../../src/features/settings/domain/appointment-policy'
import { db } from '../../../helpers/forms'
import { clinicAt, confirm, pageTokenIn, propose, rowsOf, storeBooking } from '../../../helpers/manage'

// Monday 2027-03-01, 09:00 in the clinic's zone (PST). Each test proposes times of its own.
const now = new Date('2027-03-01T17:00:00Z')
const hour = 3_600_000
const hoursAhead = (hours: number) => new Date(now.getTime() + hours * hour)
const markAs = (id: string, status: 'spam' | 'closed') => changeStatus(db(), { id, status, actor: 'practitioner@example.com', now })
const statusEvents = async (id: string) =>
  (
    await db()
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'status')))
  ).map((event) => [event.detail, event.actor])

describe('a booking the practitioner marked spam or closed', () => {
  it.each(['spam', 'closed'] as const)('marked %s: the page is read-only and every patient action is refused, writing nothing', async (status) => {
    const booking = await storeBooking(now)
    await propose(booking.id, [hoursAhead(72)], now)
    const pageToken = pageTokenIn(await (await clinicAt(now).get(`/manage/${booking.token}`)).text())
    expect(await markAs(booking.id, status)).toBe('changed')
    const page = await (await clinicAt(now).get(`/manage/${booking.token}`)).text()
    for (const button of ['Choose this time', 'Ask for these times', 'Cancel this appointment']) expect(page).not.toContain(button)
    expect(page).toContain('This booking can no longer be changed here. To ask about it, please call us on')
    const before = await rowsOf(booking.id)
    for (const [action, fields] of [
      ['choose', { position: '1' }],
      ['ask', { date1: '2027-03-10', period1: 'morning' }],
      ['cancel', {}],
    ] as const) {
      const response = await clinicAt(now).post(`/manage/${booking.token}/${action}`, { pageToken, ...fields })
      expect(response.status, action).toBe(409)
    }
    expect(await rowsOf(booking.id)).toEqual(before)
  })

  it('writes nothing when the booking is marked spam between the patient’s read and write', async () => {
    const booking = await storeBooking(now)
    await propose(booking.id, [hoursAhead(80)], now)
    const read = (await loadManagedBooking(db(), booking.token))!
    await markAs(booking.id, 'spam')
    const context = { db: db(), env, policy: readAppointmentPolicy(env), now }
    expect(await chooseProposal(context, read, read.proposals[0]!)).toBeNull()
    expect(await askForOtherTimes(context, read, [{ date: '2027-03-10', period: 'morning' }])).toBeNull()
    expect(await cancelBooking(context, read)).toBeNull()
    expect((await rowsOf(booking.id)).request).toMatchObject({ status: 'spam', appointmentState: 'proposed' })
  })

  it('a confirmed booking marked closed can no longer be cancelled or moved by the patient', async () => {
    const booking = await storeBooking(now)
    await confirm(booking.id, hoursAhead(96), now)
    const read = (await loadManagedBooking(db(), booking.token))!
    await markAs(booking.id, 'closed')
    const context = { db: db(), env, policy: readAppointmentPolicy(env), now }
    expect(await cancelBooking(context, read)).toBeNull()
    expect(await askForOtherTimes(context, read, [{ date: '2027-03-10', period: 'morning' }])).toBeNull()
    expect((await rowsOf(booking.id)).request).toMatchObject({ status: 'closed', appointmentState: 'confirmed' })
  })
})

describe('the triage status when the patient chooses a time', () => {
  it('records the change to scheduled in the history, by the patient', async () => {
    const booking = await storeBooking(now)
    await propose(booking.id, [hoursAhead(100)], now)
    const pageToken = pageTokenIn(await (await clinicAt(now).get(`/manage/${booking.token}`)).text())
    expect((await clinicAt(now).post(`/manage/${booking.token}/choose`, { pageToken, position: '1' })).status).toBe(303)
    expect((await rowsOf(booking.id)).request.status).toBe('scheduled')
    expect(await statusEvents(booking.id)).toEqual([
      ['new → contacted', 'practitioner'],
      ['contacted → scheduled', 'patient'],
    ])
  })
})
