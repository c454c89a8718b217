import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { appointmentHistory, changedBeforeWrite, confirmAt, outboxOf, readBooking, storeBooking } from '../../../helpers/appointments'
import { recordingQueue } from '../../../helpers/bindings'
import { openWeekday } from '../../../helpers/forms'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const offeredIn = (html: string, id = 'f-slot') =>
  [...(new RegExp(`<select id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '').matchAll(/<option value="([^"]+)"/g)].map((match) => match[1])
const overlapAdvice = (reference: string) =>
  `This time overlaps a confirmed appointment (${reference}). Choose another time, or tick “Book even though it overlaps”.`

// Each test has its own weekday, from 31 days ahead on (other files' bookings live in their own database).
describe('confirming a time another patient holds', () => {
  it('offers only the starts that are free, and refuses another time that overlaps before anything is written or sent', async () => {
    const day = openWeekday(31)
    const other = await storeBooking()
    await confirmAt(session, other.id, day, '10:00')
    const booking = await storeBooking({ date: day })
    const page = await (await adminGet(session, `/admin/requests/${booking.id}`)).text()
    // A 60-minute treatment starting 09:30 or 10:30 would overlap 10:00 to 11:00.
    expect(offeredIn(page)).toEqual([`${day}T09:00`, `${day}T11:00`, `${day}T11:30`, 'other'])
    expect(page).toContain('Book even though it overlaps')
    const queue = recordingQueue()
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/confirm`,
      { slot: 'other', otherDate: day, otherStart: '10:30' },
      { NOTIFY_QUEUE: queue.binding },
    )
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(overlapAdvice(other.reference))
    expect(await readBooking(booking.id)).toMatchObject({ appointmentState: 'requested', confirmedStart: null })
    expect(await outboxOf(booking.id, 'confirmation')).toEqual([])
    expect(queue.enqueued).toEqual([])
  })

  it('books the overlap when the practitioner ticks “Book even though it overlaps”', async () => {
    const day = openWeekday(33)
    const other = await storeBooking()
    await confirmAt(session, other.id, day, '10:00')
    const booking = await storeBooking({ date: day })
    const response = await adminPost(session, `/admin/requests/${booking.id}/confirm`, { slot: 'other', otherDate: day, otherStart: '10:30', overlap: 'allow' })
    expect(response.status).toBe(303)
    expect((await readBooking(booking.id)).confirmedStart).toEqual(at(day, '10:30'))
    expect(await (await adminGet(session, `/admin/requests/${booking.id}`)).text()).toContain('This appointment overlaps another confirmed appointment')
  })

  it('a time confirmed for another patient between the read and the write stops the confirmation', async () => {
    const day = openWeekday(35)
    const other = await storeBooking()
    const booking = await storeBooking({ date: day })
    const meanwhile = changedBeforeWrite(() => confirmAt(session, other.id, day, '09:30'))
    const response = await adminPost(session, `/admin/requests/${booking.id}/confirm`, { slot: `${day}T09:00` }, meanwhile)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(overlapAdvice(other.reference))
    expect(await appointmentHistory(booking.id)).toEqual([])
    expect(await outboxOf(booking.id, 'confirmation')).toEqual([])
  })
})

describe('moving onto a time another patient holds', () => {
  it('is refused before anything is written or sent, unless the practitioner ticks “Book even though it overlaps”', async () => {
    const day = openWeekday(37)
    const other = await storeBooking()
    await confirmAt(session, other.id, day, '10:00')
    const booking = await storeBooking()
    await confirmAt(session, booking.id, day, '14:00')
    const page = await (await adminGet(session, `/admin/requests/${booking.id}`)).text()
    expect(page).toContain('Book even though it overlaps')
    expect(offeredIn(page, 'f-move-slot')).not.toContain(`${day}T10:30`)
    const response = await adminPost(session, `/admin/requests/${booking.id}/move`, { slot: 'other', date: day, start: '10:45' })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(overlapAdvice(other.reference))
    expect(await readBooking(booking.id)).toMatchObject({ confirmedStart: at(day, '14:00'), appointmentSequence: 1 })
    expect((await outboxOf(booking.id)).filter((row) => row.topic === 'moved')).toEqual([])
    // Back to back is no overlap; the booking's own time never counts against it.
    expect((await adminPost(session, `/admin/requests/${booking.id}/move`, { slot: 'other', date: day, start: '14:30' })).status).toBe(303)
    expect((await adminPost(session, `/admin/requests/${booking.id}/move`, { slot: `${day}T11:00` })).status).toBe(303)
    expect((await adminPost(session, `/admin/requests/${booking.id}/move`, { slot: 'other', date: day, start: '10:15', overlap: 'allow' })).status).toBe(303)
    expect((await readBooking(booking.id)).confirmedStart).toEqual(at(day, '10:15'))
  })
})
