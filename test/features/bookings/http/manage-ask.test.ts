import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { transitions } from '../../../../src/features/bookings/domain/states'
import { askForOtherTimes } from '../../../../src/features/bookings/http/manage-actions'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { loadManagedBooking } from '../../../../src/features/bookings/store/manage'
import { readAppointmentPolicy } from '../../../../src/features/settings/domain/appointment-policy'
import { recordingQueue } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { clinicAt, confirm, outboxOn, pageTokenIn, propose, revisionIn, rowsOf, storeBooking } from '../../../helpers/manage'

// Monday 2027-03-01, 09:00 in the clinic's zone (PST); 2027-03-09 and 2027-03-10 are a Tuesday and a Wednesday.
const now = new Date('2027-03-01T17:00:00Z')
const hour = 3_600_000
const hoursAhead = (hours: number) => new Date(now.getTime() + hours * hour)

/** The hidden fields of the page as it shows now: its token, and the revision its ask form carries when it has one. */
async function pageOf(token: string) {
  const page = await (await clinicAt(now).get(`/manage/${token}`)).text()
  return { pageToken: pageTokenIn(page), ...(page.includes('name="revision"') ? { revision: revisionIn(page) } : {}) }
}

const timesOf = async (id: string) => (await rowsOf(id)).times.map((time) => `${time.position} ${time.date} ${time.period}`)

describe('asking for another time from the patient’s page', () => {
  it('from proposed times: back to requested, the preferred times replaced and the practitioner told', async () => {
    const booking = await storeBooking(now, { times: [{ date: '2027-03-03', period: 'morning' }] })
    await propose(booking.id, [hoursAhead(50)], now)
    const fields = {
      ...(await pageOf(booking.token)),
      date1: '2027-03-09',
      period1: 'afternoon',
      date2: '2027-03-10',
      period2: 'morning',
      date3: '',
      period3: '',
    }
    const response = await clinicAt(now).post(`/manage/${booking.token}/ask`, fields)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/manage/${booking.token}?done=asked`)
    const { request, history } = await rowsOf(booking.id)
    expect(request.appointmentState).toBe('requested')
    expect(history.map((event) => [event.detail, event.actor])).toContainEqual(['proposed → requested', 'patient'])
    expect(await timesOf(booking.id)).toEqual(['1 2027-03-09 afternoon', '2 2027-03-10 morning'])
    expect(await outboxOn(booking.id, 'patient-asked')).toEqual(['email/pending'])
    const page = await (await clinicAt(now).get(`/manage/${booking.token}?done=asked`)).text()
    expect(page).toContain('we have your new times')
    expect(page).toContain('Tuesday, March 9, 2027, afternoon')
  })

  it('from a confirmed appointment: it stays confirmed at its time, with its reminder still to come', async () => {
    const booking = await storeBooking(now)
    const start = hoursAhead(96)
    await confirm(booking.id, start, now, [hoursAhead(72)])
    const response = await clinicAt(now).post(`/manage/${booking.token}/ask`, { ...(await pageOf(booking.token)), date1: '2027-03-10', period1: 'afternoon' })
    expect(response.status).toBe(303)
    const { request, history } = await rowsOf(booking.id)
    expect(request).toMatchObject({ appointmentState: 'confirmed', confirmedStart: start, appointmentSequence: 1 })
    expect(history.map((event) => event.detail)).toContain('confirmed → confirmed')
    expect(await timesOf(booking.id)).toEqual(['1 2027-03-10 afternoon'])
    expect(await outboxOn(booking.id, 'patient-asked')).toEqual(['email/pending'])
    expect(await outboxOn(booking.id, 'reminder')).toEqual(['appointment/pending'])
    expect(await outboxOn(booking.id, 'confirmed')).toEqual([])
  })

  it('keeps a reminder already due but not yet handed to the queue: asking to move never costs the reminder', async () => {
    const booking = await storeBooking(now)
    // Confirmed a day earlier with its reminder due a minute ago; the five-minute cron has not claimed it yet.
    await confirm(booking.id, hoursAhead(24), new Date(now.getTime() - 24 * hour), [new Date(now.getTime() - 60_000)])
    const [before] = (await rowsOf(booking.id)).outbox.filter((row) => row.topic === 'reminder')
    const response = await clinicAt(now).post(`/manage/${booking.token}/ask`, { ...(await pageOf(booking.token)), date1: '2027-03-10', period1: 'afternoon' })
    expect(response.status).toBe(303)
    const reminders = (await rowsOf(booking.id)).outbox.filter((row) => row.topic === 'reminder')
    expect(reminders).toEqual([before])
  })

  it('answers 422 with each problem beside its field and the times as typed, changing nothing', async () => {
    const booking = await storeBooking(now)
    await propose(booking.id, [hoursAhead(50)], now)
    const before = await rowsOf(booking.id)
    const response = await clinicAt(now).post(`/manage/${booking.token}/ask`, {
      ...(await pageOf(booking.token)),
      date1: '2027-03-01',
      period1: 'morning',
      date2: '2027-03-13',
      period2: 'evening',
    })
    expect(response.status).toBe(422)
    const page = await response.text()
    expect(page).toContain('<title>Error: Your appointment')
    expect(page).toContain('<a href="#f-date1">Choose a time at least 24 hours from now</a>')
    expect(page).toMatch(
      /<p id="f-date1-error" class="field-error">.*Choose a time at least 24 hours from now<\/p><input id="f-date1" name="date1" type="date" value="2027-03-01" required="" aria-invalid="true"/,
    )
    expect(page).toContain('The clinic is not open in the evening that day.')
    expect(page).toContain('<option value="evening" selected="">')
    expect(await rowsOf(booking.id)).toEqual(before)
    const empty = await clinicAt(now).post(`/manage/${booking.token}/ask`, await pageOf(booking.token))
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Choose at least one preferred date')
  })

  it('is not offered, and refused with 409 keeping the times, while the request waits for the clinic', async () => {
    const booking = await storeBooking(now)
    const { pageToken } = await pageOf(booking.token)
    expect(await (await clinicAt(now).get(`/manage/${booking.token}`)).text()).not.toContain('Ask for these times')
    const response = await clinicAt(now).post(`/manage/${booking.token}/ask`, { pageToken, date1: '2027-03-10', period1: 'morning' })
    expect(response.status).toBe(409)
    const context = { db: db(), env, policy: readAppointmentPolicy(env), now }
    expect(await askForOtherTimes(context, (await loadManagedBooking(db(), booking.token))!, [{ date: '2027-03-11', period: 'morning' }])).toBeNull()
    expect(await timesOf(booking.id)).toEqual(['1 2027-03-10 morning'])
  })

  it('refuses with 409 an ask from a page that showed earlier proposals than the practitioner’s latest, and tells nobody', async () => {
    const booking = await storeBooking(now)
    await propose(booking.id, [hoursAhead(60)], now)
    const page = await (await clinicAt(now).get(`/manage/${booking.token}`)).text()
    await propose(booking.id, [hoursAhead(70)], now)
    const before = await rowsOf(booking.id)
    const response = await clinicAt(now).post(`/manage/${booking.token}/ask`, {
      pageToken: pageTokenIn(page),
      revision: revisionIn(page),
      date1: '2027-03-10',
      period1: 'morning',
    })
    expect(response.status).toBe(409)
    const answer = await response.text()
    expect(answer).toContain(
      'Your appointment changed after this page was opened. Here it is as it stands now: ask again if these times still do not suit you.',
    )
    expect(answer).toContain('Thursday, March 4, 2027 at 7:00 AM')
    expect(await rowsOf(booking.id)).toEqual(before)
  })

  it('coalesces repeated asks: the times are replaced, but the practitioner is told once until they change the appointment', async () => {
    const booking = await storeBooking(now)
    await confirm(booking.id, hoursAhead(120), now)
    const ask = async (date1: string) => {
      const queue = recordingQueue()
      const response = await clinicAt(now, { NOTIFY_QUEUE: queue.binding }).post(`/manage/${booking.token}/ask`, {
        ...(await pageOf(booking.token)),
        date1,
        period1: 'morning',
      })
      expect(response.status).toBe(303)
      return queue.enqueued
    }
    expect(await ask('2027-03-09')).toHaveLength(1)
    for (const date of ['2027-03-10', '2027-03-11']) expect(await ask(date)).toEqual([])
    expect(await outboxOn(booking.id, 'patient-asked')).toEqual(['email/pending'])
    expect(await timesOf(booking.id)).toEqual(['1 2027-03-11 morning'])
    // The practitioner moves the appointment: a new ask is news again.
    expect(
      await applyTransition(db(), {
        id: booking.id,
        guard: transitions.move,
        actor: 'practitioner',
        now,
        set: { confirmedStart: hoursAhead(150), confirmedEnd: hoursAhead(151) },
        bumpSequence: true,
      }),
    ).toBe(true)
    expect(await ask('2027-03-12')).toHaveLength(1)
    expect(await outboxOn(booking.id, 'patient-asked')).toEqual(['email/pending', 'email/pending'])
  })
})
