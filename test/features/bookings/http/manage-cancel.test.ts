import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { transitions } from '../../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { clinicAt, confirm, outboxOn, pageTokenIn, propose, rowsOf, storeBooking } from '../../../helpers/manage'
import { withSettings } from '../../../helpers/settings'

// Monday 2027-03-01, 09:00 in the clinic's zone (PST). Each test books a time of its own.
const now = new Date('2027-03-01T17:00:00Z')
const hour = 3_600_000
const hoursAhead = (hours: number) => new Date(now.getTime() + hours * hour)

async function confirmedBooking(start: Date) {
  const booking = await storeBooking(now)
  await confirm(booking.id, start, now, [new Date(start.getTime() - 24 * hour)])
  const page = await (await clinicAt(now).get(`/manage/${booking.token}`)).text()
  return { ...booking, page, pageToken: pageTokenIn(page) }
}

describe('cancelling from the patient’s page', () => {
  it('cancels a confirmed appointment outside the window, tells both sides and voids the reminder', async () => {
    const booking = await confirmedBooking(hoursAhead(72))
    expect(booking.page).toContain('Cancel this appointment')
    const response = await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/manage/${booking.token}?done=cancelled`)
    const { request, history } = await rowsOf(booking.id)
    expect(request).toMatchObject({ appointmentState: 'cancelled', cancelledBy: 'patient', appointmentSequence: 2 })
    expect(history.map((event) => [event.detail, event.actor])).toContainEqual(['confirmed → cancelled', 'patient'])
    expect(await outboxOn(booking.id, 'cancelled')).toEqual(['appointment/pending'])
    expect(await outboxOn(booking.id, 'patient-cancelled')).toEqual(['email/pending'])
    expect(await outboxOn(booking.id, 'reminder')).toEqual(['appointment/skipped'])
    const page = await (await clinicAt(now).get(`/manage/${booking.token}?done=cancelled`)).text()
    expect(page).toContain('Your appointment is cancelled.')
    expect(page).not.toContain('Cancel this appointment')
  })

  it('inside the window shows the number to call instead, and refuses a forced cancel with 409', async () => {
    const booking = await confirmedBooking(hoursAhead(23))
    expect(booking.page).not.toContain('Cancel this appointment')
    expect(booking.page).toContain('Your appointment is too close to cancel here. To cancel, please call us on <a href="tel:+15550100000">')
    const before = await rowsOf(booking.id)
    const response = await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('Your appointment can no longer be cancelled here. To cancel, please call us on +1 555 010 0000.')
    expect(await rowsOf(booking.id)).toEqual(before)
  })

  it('writes nothing when the practitioner moves the time into the window between the patient’s read and write', async () => {
    const booking = await confirmedBooking(hoursAhead(80))
    let moved: boolean | undefined
    const DB = wrapBinding(env.DB, {
      batch: async (statements) => {
        moved ??= await applyTransition(db(), {
          id: booking.id,
          guard: transitions.move,
          actor: 'practitioner',
          now,
          set: { confirmedStart: hoursAhead(10), confirmedEnd: hoursAhead(11) },
          bumpSequence: true,
        })
        return env.DB.batch(statements)
      },
    })
    const response = await clinicAt(now, { DB }).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })
    expect(moved).toBe(true)
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('please call us')
    expect((await rowsOf(booking.id)).request).toMatchObject({ appointmentState: 'confirmed', confirmedStart: hoursAhead(10), cancelledBy: null })
  })

  it('follows the cancellation notice saved in the inbox', async () => {
    const booking = await confirmedBooking(hoursAhead(30))
    await withSettings(
      'policies',
      (policies) => ({ ...policies, cancelNoticeHours: 48 }),
      async () => {
        expect(await (await clinicAt(now).get(`/manage/${booking.token}`)).text()).toContain('You can cancel here up to 48 hours before')
        expect((await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })).status).toBe(409)
      },
    )
    expect((await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })).status).toBe(303)
  })

  it('cancels a request still waiting for a time, or with times proposed', async () => {
    const requested = await storeBooking(now)
    const proposed = await storeBooking(now)
    await propose(proposed.id, [hoursAhead(5)], now)
    for (const booking of [requested, proposed]) {
      const pageToken = pageTokenIn(await (await clinicAt(now).get(`/manage/${booking.token}`)).text())
      expect((await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken })).status).toBe(303)
      expect((await rowsOf(booking.id)).request).toMatchObject({ appointmentState: 'cancelled', cancelledBy: 'patient' })
    }
  })

  it('refuses a second cancel, which finds nothing left to cancel', async () => {
    const booking = await confirmedBooking(hoursAhead(100))
    expect((await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })).status).toBe(303)
    const again = await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })
    expect(again.status).toBe(409)
    expect(await outboxOn(booking.id, 'patient-cancelled')).toEqual(['email/pending'])
  })

  it.each([
    ['a millisecond more than the 24 hours’ notice', 1, 303],
    ['exactly the 24 hours’ notice', 0, 303],
    ['a millisecond less than the 24 hours’ notice', -1, 409],
  ])('with %s ahead, the page and the post agree', async (_, extraMs, status) => {
    const booking = await confirmedBooking(new Date(hoursAhead(24).getTime() + extraMs))
    expect(booking.page.includes('Cancel this appointment')).toBe(status === 303)
    const response = await clinicAt(now).post(`/manage/${booking.token}/cancel`, { pageToken: booking.pageToken })
    expect(response.status).toBe(status)
    expect((await rowsOf(booking.id)).request.appointmentState).toBe(status === 303 ? 'cancelled' : 'confirmed')
  })
})
