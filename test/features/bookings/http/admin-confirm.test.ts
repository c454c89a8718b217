import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { isOffered, listConfirmOffers } from '../../../../src/features/bookings/domain/confirm-offers'
import { type PreferredTimeRow, type RequestRow, requests } from '../../../../src/features/bookings/store/schema'
import { ConfirmBookingForm } from '../../../../src/features/bookings/views/ConfirmBookingForm'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { formatInstant } from '../../../../src/platform/dates'
import { addDays, weekdayOf, zonedDate, zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { askAsPeriods, backPainByRequest, requestFields } from '../../../helpers/book'
import { contactFields, db, openWeekday, post, referenceFrom } from '../../../helpers/forms'
import { deliver, recordingEmail } from '../../../helpers/notify'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** A booking request for a morning on the first of `dates` and an afternoon on the second, if any, asked as periods (the Confirm route runs on the real clock, so these are days ahead of it). */
async function storeBooking(overrides: Record<string, string> = {}, dates = [openWeekday(7), openWeekday(8)]) {
  const fields = await requestFields(overrides, dates)
  const reference = referenceFrom(await backPainByRequest(() => post('/book', fields)))
  const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
  await askAsPeriods(row!.id)
  return { row: row!, fields: { ...fields, date1: dates[0]!, date2: dates[1] } }
}

const confirmationOf = async (requestId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.requestId, requestId), eq(notifications.channel, 'confirmation')))

describe('confirming a booking', () => {
  it('sets the time in the clinic’s zone, schedules the request and queues the patient’s invitation', async () => {
    const { row, fields } = await storeBooking()
    const response = await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot: `${fields.date1}T09:30` })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/admin/requests/${row.id}?done=confirmed`)
    const [after] = await db().select().from(requests).where(eq(requests.id, row.id))
    const start = zonedInstant(String(fields.date1), '09:30', practice.timeZone)
    expect(after).toMatchObject({ status: 'scheduled', confirmedStart: start, confirmedEnd: new Date(start.getTime() + 60 * 60_000) })
    expect((await confirmationOf(row.id)).map((n) => n.status)).toEqual(['pending'])
    const page = await (await adminGet(session, `/admin/requests/${row.id}?done=confirmed`)).text()
    expect(page).toContain('Appointment confirmed.')
    expect(page).not.toContain('Confirm and email the patient')
  })

  it('can be confirmed only once, even when two confirmations race', async () => {
    const { row, fields } = await storeBooking()
    const path = `/admin/requests/${row.id}/confirm`
    const responses = await Promise.all([
      // 11:30: the first test holds 09:30 to 10:30 on this day, and the later ones 10:30 to 11:30.
      adminPost(session, path, { slot: `${fields.date1}T11:30` }),
      adminPost(session, path, { slot: `${fields.date2}T14:00` }),
    ])
    expect(responses.map((r) => r.status).sort()).toEqual([303, 409])
    expect(await confirmationOf(row.id)).toHaveLength(1)
    const again = await adminPost(session, path, { slot: 'other', otherDate: openWeekday(20), otherStart: '10:00' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('already confirmed')
  })

  it('accepts another date, and refuses a bad time or a contact request', async () => {
    const { row } = await storeBooking()
    expect((await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot: 'other', otherDate: '2027-02-30', otherStart: '10:00' })).status).toBe(422)
    expect((await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot: 'other', otherDate: openWeekday(21), otherStart: '25:00' })).status).toBe(422)
    expect((await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot: 'other', otherDate: openWeekday(21), otherStart: '11:15' })).status).toBe(303)
    const contact = referenceFrom(await post('/contact', await contactFields()))
    const [contactRow] = await db().select().from(requests).where(eq(requests.reference, contact))
    expect(
      (await adminPost(session, `/admin/requests/${contactRow!.id}/confirm`, { slot: 'other', otherDate: openWeekday(21), otherStart: '10:00' })).status,
    ).toBe(404)
  })

  it('refuses a start that is not in the future, but allows any future time, outside opening hours too', async () => {
    const { row } = await storeBooking()
    const path = `/admin/requests/${row.id}/confirm`
    const today = zonedDate(new Date(), practice.timeZone)
    for (const [otherDate, otherStart] of [
      [addDays(today, -1), '23:59'],
      [today, '00:00'],
    ] as const) {
      const response = await adminPost(session, path, { slot: 'other', otherDate, otherStart })
      expect(response.status).toBe(422)
      expect(await response.text()).toContain('The appointment must start in the future.')
    }
    expect(await confirmationOf(row.id)).toEqual([])
    let sunday = addDays(today, 10)
    while (weekdayOf(sunday) !== 'Su') sunday = addDays(sunday, 1)
    expect((await adminPost(session, path, { slot: 'other', otherDate: sunday, otherStart: '21:00' })).status).toBe(303)
  })

  it('refuses a start more than two years ahead, and accepts one just inside', async () => {
    const { row } = await storeBooking()
    const path = `/admin/requests/${row.id}/confirm`
    const today = zonedDate(new Date(), practice.timeZone)
    for (const otherDate of [addDays(today, 2 * 366 + 1), '9999-12-30']) {
      const response = await adminPost(session, path, { slot: 'other', otherDate, otherStart: '10:00' })
      expect(response.status).toBe(422)
      expect(await response.text()).toContain('An appointment can be at most two years ahead. Choose an earlier date.')
    }
    expect(await confirmationOf(row.id)).toEqual([])
    expect((await adminPost(session, path, { slot: 'other', otherDate: addDays(today, 2 * 365 - 2), otherStart: '10:00' })).status).toBe(303)
  })

  it('flags an appointment that overlaps another confirmed one', async () => {
    const day = openWeekday(30)
    const first = await storeBooking({}, [day])
    const second = await storeBooking({}, [day])
    await adminPost(session, `/admin/requests/${first.row.id}/confirm`, { slot: `${day}T10:00` })
    await adminPost(session, `/admin/requests/${second.row.id}/confirm`, { slot: 'other', otherDate: day, otherStart: '10:30', overlap: 'allow' })
    const html = await (await adminGet(session, `/admin/requests/${second.row.id}`)).text()
    expect(html).toContain('This appointment overlaps another confirmed appointment')
    expect(html).toContain(`href="/admin/requests/${first.row.id}"`)
  })

  it("emails the patient an .ics invitation (METHOD:REQUEST, the clinic's local times) through the queue consumer", async () => {
    const { row, fields } = await storeBooking({ name: 'Robin; Patient, "Q"' })
    // Other tests confirm on the same day: the overlap is chosen so this one is confirmed whatever their order.
    await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot: 'other', otherDate: String(fields.date1), otherStart: '09:30', overlap: 'allow' })
    const [confirmation] = await confirmationOf(row.id)
    const email = recordingEmail()
    const { result } = await deliver([{ notificationId: confirmation!.id }], { env: { EMAIL: email.binding } })
    expect(result.explicitAcks).toHaveLength(1)
    expect(email.sent).toHaveLength(1)
    const message = email.sent[0]!
    expect(message.to).toBe(fields.email)
    expect(message.subject).toMatch(/^Your appointment is confirmed: /)
    const attachment = message.attachments?.[0]
    expect(attachment).toMatchObject({ disposition: 'attachment', filename: 'appointment.ics', type: 'text/calendar; method=REQUEST; charset=utf-8' })
    const ics = String(attachment!.content)
    expect(ics).toContain('METHOD:REQUEST\r\n')
    expect(ics).toContain(`DTSTART;TZID=${practice.timeZone}:${String(fields.date1).replace(/-/g, '')}T093000\r\n`)
    expect(ics).toContain(`DTEND;TZID=${practice.timeZone}:${String(fields.date1).replace(/-/g, '')}T103000\r\n`)
    expect(ics.replace(/\r\n /g, '')).toContain(
      `ATTENDEE;CN="Robin; Patient, Q";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${fields.email}\r\n`,
    )
    expect(ics).toContain(`UID:${row.id}@clinic.example.com\r\n`)
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    const [sent] = await db().select().from(notifications).where(eq(notifications.id, confirmation!.id))
    expect(sent!.status).toBe('sent')
  })

  it.each([
    ['minimal', {}, 'Appointment', false],
    ['full', { NOTIFY_DETAILS: 'full' }, 'Back pain focused session', true],
  ] as const)('names the treatment in the email and the invitation only with NOTIFY_DETAILS=full (%s)', async (_, details, named, showsTreatment) => {
    const { row, fields } = await storeBooking()
    await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot: 'other', otherDate: String(fields.date1), otherStart: '10:30', overlap: 'allow' })
    const [confirmation] = await confirmationOf(row.id)
    const email = recordingEmail()
    await deliver([{ notificationId: confirmation!.id }], { env: { EMAIL: email.binding, ...details } })
    const message = email.sent[0]!
    const ics = String(message.attachments?.[0]?.content).replace(/\r\n /g, '')
    expect(message.text).toContain(`Where: ${practice.address.street}`)
    expect(String(message.text).includes(`Treatment: ${named}`)).toBe(showsTreatment)
    expect(String(message.html).includes(`>Treatment</th>`)).toBe(showsTreatment)
    expect(ics).toContain(`SUMMARY:${named} at ${practice.clinicName}\r\n`)
    for (const part of [message.text, message.html, ics]) expect(String(part).includes('Back pain')).toBe(showsTreatment)
  })
})

describe('the starts offered to confirm', () => {
  const offeredIn = (html: string) => {
    const select = /<select id="f-slot"[\s\S]*?<\/select>/.exec(html)?.[0] ?? ''
    return [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1])
  }
  const halfHours = (date: string, from: string, to: string) => {
    const all = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']
    return all.slice(all.indexOf(from), all.indexOf(to) + 1).map((time) => `${date}T${time}`)
  }
  const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)

  it('offers, for each period, the free starts in it, and each exact start with whether it is still free', async () => {
    const request = { id: 'request-starts', serviceId: 'initial', appointmentRevision: 0 } as RequestRow
    const times = [
      { date: '2046-03-20', period: 'morning', start: null },
      { date: '2046-03-20', period: 'evening', start: null },
      { date: '2046-03-21', period: 'morning', start: at('2046-03-21', '10:00') },
      { date: '2046-03-21', period: 'morning', start: at('2046-03-21', '11:00') },
    ] as PreferredTimeRow[]
    // As the free-times reading gives them: an afternoon start and the other day's are not the morning's.
    const free = [at('2046-03-20', '09:00'), at('2046-03-20', '11:30'), at('2046-03-20', '12:00'), at('2046-03-21', '10:00')].map((start) => start.getTime())
    const offers = listConfirmOffers({ times, free, timeZone: practice.timeZone })
    const html = String(await ConfirmBookingForm({ request, offers, csrfToken: 'token' }))
    expect(offeredIn(html)).toEqual(['2046-03-20T09:00', '2046-03-20T11:30', 'other'])
    expect(html).toContain('<optgroup label="Tuesday, March 20, 2046, morning">')
    expect(html).toContain('No free start still ahead fits the treatment in Tuesday, March 20, 2046, evening.')
    expect([...html.matchAll(/name="slot" value="([^"]+)"\/><button/g)].map((match) => match[1])).toEqual(['2046-03-21T10:00'])
    expect(html).toContain(`<li>${formatInstant(at('2046-03-21', '11:00'))}: <strong>no longer free</strong></li>`)
    expect(isOffered('2046-03-21T10:00', offers)).toBe(true)
    expect(isOffered('2046-03-21T11:00', offers)).toBe(false)
    expect(isOffered('2046-03-20T12:00', offers)).toBe(false)
  })

  it('offers the booked treatment’s starts on the request page, and refuses any other', async () => {
    // A day no other test of this file confirms on, so every start is free.
    const { row, fields } = await storeBooking({}, [openWeekday(40)])
    const date = String(fields.date1)
    const html = await (await adminGet(session, `/admin/requests/${row.id}`)).text()
    expect(offeredIn(html)).toEqual([...halfHours(date, '09:00', '11:30'), 'other'])
    for (const slot of [`${date}T11:15`, `${date}T08:45`, `${openWeekday(30)}T16:00`, 'tomorrow']) {
      const response = await adminPost(session, `/admin/requests/${row.id}/confirm`, { slot })
      expect(response.status).toBe(422)
      expect(await response.text()).toContain('That start is not one of those offered')
    }
    expect(await confirmationOf(row.id)).toEqual([])
  })
})
