import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { chooseProposal } from '../../../../src/features/bookings/http/manage-actions'
import { loadManagedBooking } from '../../../../src/features/bookings/store/manage'
import { requestEvents } from '../../../../src/features/bookings/store/schema'
import { readAppointmentPolicy } from '../../../../src/features/settings/domain/appointment-policy'
import { recordingQueue, wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { clinicAt, confirm, linkToPage, outboxOn, pageTokenIn, propose, rowsOf, storeBooking } from '../../../helpers/manage'

// Monday 2027-03-01, 09:00 in the clinic's zone (PST). Each test proposes times of its own day.
const now = new Date('2027-03-01T17:00:00Z')
const hour = 3_600_000
const dayAt = (days: number, hours = 0) => new Date(now.getTime() + days * 24 * hour + hours * hour)

async function proposedBooking(starts: Date[]) {
  const booking = await storeBooking(now)
  await propose(booking.id, starts, now)
  const page = await (await clinicAt(now).get(`/manage/${booking.token}`)).text()
  return { ...booking, pageToken: pageTokenIn(page) }
}

const appointmentEvents = (id: string) =>
  db()
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'appointment')))

describe('choosing a proposed time', () => {
  it('confirms it, tells both sides, plans the reminder and enqueues the emails', async () => {
    const booking = await proposedBooking([dayAt(3), dayAt(3, 2)])
    const queue = recordingQueue()
    const response = await clinicAt(now, { NOTIFY_QUEUE: queue.binding }).post(`/manage/${booking.token}/choose`, {
      pageToken: booking.pageToken,
      position: '2',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/manage/${booking.token}?done=chosen`)
    const { request, outbox } = await rowsOf(booking.id)
    expect(request).toMatchObject({
      appointmentState: 'confirmed',
      status: 'scheduled',
      confirmedStart: dayAt(3, 2),
      confirmedEnd: dayAt(3, 3),
      appointmentSequence: 1,
    })
    expect(await outboxOn(booking.id, 'confirmed')).toEqual(['appointment/pending'])
    expect(await outboxOn(booking.id, 'patient-chose')).toEqual(['email/pending'])
    expect(outbox.find((row) => row.topic === 'reminder')?.dueAt).toEqual(dayAt(2, 2))
    const immediate = outbox.filter((row) => row.topic === 'confirmed' || row.topic === 'patient-chose').map((row) => row.id)
    expect(queue.enqueued.sort()).toEqual(immediate.sort())
    const events = await appointmentEvents(booking.id)
    expect(events.map((event) => [event.detail, event.actor])).toContainEqual(['proposed → confirmed: Mar 4, 2027, 11:00 AM (Pacific Time)', 'patient'])
    const page = await (await clinicAt(now).get(`/manage/${booking.token}?done=chosen`)).text()
    expect(page).toContain('Your appointment is confirmed.')
    expect(page).toContain('Thursday, March 4, 2027 at 11:00 AM')
  })

  it('keeps every older link opening the page as it now stands', async () => {
    const booking = await proposedBooking([dayAt(5)])
    const newer = await linkToPage(booking.id, now)
    expect(
      (
        await clinicAt(now).post(`/manage/${newer}/choose`, {
          pageToken: pageTokenIn(await (await clinicAt(now).get(`/manage/${newer}`)).text()),
          position: '1',
        })
      ).status,
    ).toBe(303)
    const older = await (await clinicAt(now).get(`/manage/${booking.token}`)).text()
    expect(older).toContain('<dd>Confirmed</dd>')
    expect(older).toContain('Saturday, March 6, 2027 at 9:00 AM')
  })

  it('of the patient choosing and the practitioner confirming meanwhile, exactly one wins: the patient’s write finds it confirmed', async () => {
    const booking = await proposedBooking([dayAt(11)])
    let practitioner: boolean | undefined
    const DB = wrapBinding(env.DB, {
      batch: async (statements) => {
        practitioner ??= await confirm(booking.id, dayAt(11, 4), now)
        return env.DB.batch(statements)
      },
    })
    const patient = await clinicAt(now, { DB }).post(`/manage/${booking.token}/choose`, { pageToken: booking.pageToken, position: '1' })
    expect(practitioner).toBe(true)
    expect(patient.status).toBe(409)
    expect(await patient.text()).toContain('<dd>Confirmed</dd>')
    expect((await appointmentEvents(booking.id)).filter((event) => event.detail.startsWith('proposed → confirmed'))).toHaveLength(1)
    expect((await rowsOf(booking.id)).request.confirmedStart).toEqual(dayAt(11, 4))
    expect(await outboxOn(booking.id, 'patient-chose')).toEqual([])
  })

  it('answers 409 with the current state once the practitioner has confirmed another time', async () => {
    const booking = await proposedBooking([dayAt(7)])
    expect(await confirm(booking.id, dayAt(7, 5), now)).toBe(true)
    const response = await clinicAt(now).post(`/manage/${booking.token}/choose`, { pageToken: booking.pageToken, position: '1' })
    expect(response.status).toBe(409)
    const page = await response.text()
    expect(page).toContain('That time could not be booked')
    expect(page).toContain('<dd>Confirmed</dd>')
    expect(page).toContain('Monday, March 8, 2027 at 2:00 PM')
    expect(page).not.toContain('Choose this time')
    expect(await outboxOn(booking.id, 'patient-chose')).toEqual([])
  })

  it('answers 409 for a time another appointment took, and still offers the others', async () => {
    const booking = await proposedBooking([dayAt(8), dayAt(8, 3)])
    const other = await storeBooking(now)
    await confirm(other.id, dayAt(8, 0.5), now)
    const response = await clinicAt(now).post(`/manage/${booking.token}/choose`, { pageToken: booking.pageToken, position: '1' })
    expect(response.status).toBe(409)
    const page = await response.text()
    expect(page).toContain('This time is no longer available.')
    expect(page.match(/Choose this time/g)).toHaveLength(1)
    expect((await rowsOf(booking.id)).request.appointmentState).toBe('proposed')
  })

  it('writes nothing when the time was taken or the proposal replaced after the page was read', async () => {
    const context = { db: db(), env, policy: readAppointmentPolicy(env), now }
    const taken = await proposedBooking([dayAt(9)])
    const stale = (await loadManagedBooking(db(), taken.token))!
    const other = await storeBooking(now)
    await confirm(other.id, dayAt(9, -0.5), now)
    expect(await chooseProposal(context, stale, stale.proposals[0]!)).toBeNull()
    const replaced = await proposedBooking([dayAt(10)])
    const before = (await loadManagedBooking(db(), replaced.token))!
    await propose(replaced.id, [dayAt(10, 2)], now)
    expect(await chooseProposal(context, before, before.proposals[0]!)).toBeNull()
    expect((await rowsOf(replaced.id)).request.appointmentState).toBe('proposed')
    expect(
      await chooseProposal(context, (await loadManagedBooking(db(), replaced.token))!, { ...before.proposals[0]!, start: dayAt(10, 2), end: dayAt(10, 3) }),
    ).not.toBeNull()
  })

  it('shows a proposed time that has passed as past, without a button, and refuses choosing it', async () => {
    // Proposed on Monday for Tuesday 09:00; the patient opens the page on Wednesday.
    const booking = await proposedBooking([dayAt(1), dayAt(4)])
    const wednesday = dayAt(2)
    const page = await (await clinicAt(wednesday).get(`/manage/${booking.token}`)).text()
    expect(page).toContain('This time has passed.')
    expect(page.match(/Choose this time/g)).toHaveLength(1)
    expect(page).not.toContain('name="position" value="1"')
    const before = await rowsOf(booking.id)
    const response = await clinicAt(wednesday).post(`/manage/${booking.token}/choose`, { pageToken: booking.pageToken, position: '1' })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('That time could not be booked')
    expect(await rowsOf(booking.id)).toEqual(before)
  })

  it('writes nothing when the proposed start passes between the page’s read and the write', async () => {
    const booking = await proposedBooking([dayAt(12)])
    const read = (await loadManagedBooking(db(), booking.token))!
    const context = (at: Date) => ({ db: db(), env, policy: readAppointmentPolicy(env), now: at })
    expect(await chooseProposal(context(dayAt(12)), read, read.proposals[0]!)).toBeNull()
    expect(await chooseProposal(context(new Date(dayAt(12).getTime() + 1)), read, read.proposals[0]!)).toBeNull()
    expect((await rowsOf(booking.id)).request).toMatchObject({ appointmentState: 'proposed', confirmedStart: null })
    expect(await outboxOn(booking.id, 'patient-chose')).toEqual([])
    expect(await chooseProposal(context(new Date(dayAt(12).getTime() - 1)), read, read.proposals[0]!)).not.toBeNull()
  })
})
