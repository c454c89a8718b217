import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { transitions } from '../../../../src/features/bookings/domain/states'
import { listProposals } from '../../../../src/features/bookings/store/appointment-queries'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { createInboxRoutes } from '../../../../src/features/inbox/http/inbox'
import { formatInstant } from '../../../../src/platform/dates'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminAt, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { appointmentHistory, confirmAt, daysAhead, outboxOf, readBooking, startedAgo, storeBooking } from '../../../helpers/appointments'
import { recordingQueue } from '../../../helpers/bindings'
import { db, openWeekday } from '../../../helpers/forms'
import { confirm, storeBooking as storeFixedBooking } from '../../../helpers/manage'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const hour = 3_600_000
// Proposals go on days 5 to 10 and confirmations from day 20 on, so no test's confirmation refuses another's proposal; days 9 and 10 belong to the overlap test.
const pageOf = async (id: string) => (await adminGet(session, `/admin/requests/${id}`)).text()

describe('proposing times', () => {
  it('stores one to three exact times in the clinic’s zone, each as long as the treatment, and queues the patient’s email', async () => {
    const booking = await storeBooking({ serviceId: 'initial' })
    const [first, second] = [openWeekday(5), openWeekday(6)]
    const queue = recordingQueue()
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/propose`,
      { slot1: `${first}T10:00`, slot2: `${second}T14:30`, slot3: '' },
      { NOTIFY_QUEUE: queue.binding },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/admin/requests/${booking.id}?done=proposed`)
    expect((await readBooking(booking.id)).appointmentState).toBe('proposed')
    const proposals = await listProposals(db(), booking.id)
    expect(proposals.map(({ position, start, end }) => ({ position, start, end }))).toEqual([
      { position: 1, start: at(first, '10:00'), end: new Date(at(first, '10:00').getTime() + 1.5 * hour) },
      { position: 2, start: at(second, '14:30'), end: new Date(at(second, '14:30').getTime() + 1.5 * hour) },
    ])
    const [email] = await outboxOf(booking.id)
    expect(email).toMatchObject({ topic: 'proposed', status: 'pending', dueAt: null })
    expect(queue.enqueued).toEqual([email!.id])
    expect(await appointmentHistory(booking.id)).toEqual([`requested → proposed: ${first} 10:00, ${second} 14:30 (Pacific Time)`])
    const page = await (await adminGet(session, `/admin/requests/${booking.id}?done=proposed`)).text()
    expect(page).toContain('Times proposed. The patient is being emailed them to choose from.')
    expect(page).toContain('Times proposed: waiting for the patient to choose')
    expect(page).toContain(`<li>${formatInstant(at(first, '10:00'))}</li>`)
    expect(page).toContain('Confirm and email the patient')
  })

  it('replaces the earlier times with a new proposal', async () => {
    const booking = await storeBooking()
    expect(
      (await adminPost(session, `/admin/requests/${booking.id}/propose`, { slot1: `${openWeekday(5)}T09:00`, slot2: `${openWeekday(5)}T11:00` })).status,
    ).toBe(303)
    const again = await adminPost(session, `/admin/requests/${booking.id}/propose`, { slot1: `${openWeekday(7)}T16:00` })
    expect(again.status).toBe(303)
    expect((await listProposals(db(), booking.id)).map((proposal) => proposal.start)).toEqual([at(openWeekday(7), '16:00')])
    expect(await outboxOf(booking.id)).toHaveLength(2)
    expect(await appointmentHistory(booking.id)).toHaveLength(2)
  })

  it.each([
    ['no time at all', { slot1: '' }, 'Propose at least one time'],
    ['an impossible date', { slot1: '2027-02-30T10:00' }, 'Choose each time from the free starts offered'],
    ['a start that is no clock time', { slot1: `${openWeekday(5)}T24:00` }, 'Choose each time from the free starts offered'],
    ['a time already past', { slot1: `${daysAhead(-1)}T10:00` }, 'A chosen time is no longer free, or has passed.'],
    ['a time outside the opening hours', { slot1: `${openWeekday(5)}T19:00` }, 'A chosen time is no longer free, or has passed.'],
    ['a time more than two years ahead', { slot1: `${daysAhead(2 * 366 + 1)}T10:00` }, 'A chosen time is no longer free, or has passed.'],
    ['a time in the year 9999', { slot1: '9999-12-30T10:00' }, 'A chosen time is no longer free, or has passed.'],
    ['the same start twice', { slot1: `${openWeekday(5)}T10:00`, slot2: `${openWeekday(5)}T10:00` }, 'Each proposed time must be a different start'],
  ])('refuses %s with 422 and writes nothing', async (_, fields, message) => {
    const booking = await storeBooking()
    const response = await adminPost(session, `/admin/requests/${booking.id}/propose`, fields)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(message)
    expect((await readBooking(booking.id)).appointmentState).toBe('requested')
    expect(await listProposals(db(), booking.id)).toEqual([])
    expect(await outboxOf(booking.id)).toEqual([])
  })

  it('neither offers nor takes a time overlapping a confirmed appointment, until that booking is marked spam', async () => {
    const day = openWeekday(9)
    const confirmed = await storeBooking()
    await confirmAt(session, confirmed.id, day, '10:00')
    const booking = await storeBooking()
    const path = `/admin/requests/${booking.id}/propose`
    expect(await (await adminGet(session, `/admin/requests/${booking.id}?from=${day}`)).text()).not.toContain(`value="${day}T10:30"`)
    const refused = await adminPost(session, path, { slot1: `${openWeekday(10)}T10:00`, slot2: `${day}T10:30` })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('A chosen time is no longer free, or has passed.')
    expect(await listProposals(db(), booking.id)).toEqual([])
    // Back to back is no overlap.
    expect((await adminPost(session, path, { slot1: `${day}T11:00` })).status).toBe(303)
    await adminPost(session, `/admin/requests/${confirmed.id}/status`, { status: 'spam' })
    expect((await adminPost(session, path, { slot1: `${day}T10:30` })).status).toBe(303)
  })
})

describe('declining', () => {
  it('records the reason and queues the patient’s email', async () => {
    const booking = await storeBooking()
    const queue = recordingQueue()
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/decline`,
      { reason: '  Fully booked until March.  ' },
      { NOTIFY_QUEUE: queue.binding },
    )
    expect(response.headers.get('Location')).toBe(`/admin/requests/${booking.id}?done=declined`)
    expect(await readBooking(booking.id)).toMatchObject({ appointmentState: 'declined', appointmentReason: 'Fully booked until March.' })
    const [email] = await outboxOf(booking.id)
    expect(email).toMatchObject({ topic: 'declined', status: 'pending' })
    expect(queue.enqueued).toEqual([email!.id])
    expect(await appointmentHistory(booking.id)).toEqual(['requested → declined'])
    const page = await pageOf(booking.id)
    expect(page).toContain('<dd>Declined</dd>')
    expect(page).toContain('Fully booked until March.')
    for (const form of ['/confirm"', '/propose"', '/decline"', '/cancel"', '/move"', '/outcome"']) expect(page).not.toContain(`${booking.id}${form}`)
  })

  it.each([
    ['no reason', ''],
    ['a blank reason', '   '],
    ['a reason over 300 characters', 'x'.repeat(301)],
  ])('refuses %s with 422', async (_, reason) => {
    const booking = await storeBooking()
    const response = await adminPost(session, `/admin/requests/${booking.id}/decline`, { reason })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Give the patient a short reason for declining, at most 300 characters.')
    expect(await readBooking(booking.id)).toMatchObject({ appointmentState: 'requested', appointmentReason: null })
  })
})

describe('moving a confirmed appointment', () => {
  it('sets the new time, raises the sequence, queues the patient’s email and replaces the reminders', async () => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, daysAhead(21), '10:00')
    const [oldReminder] = (await outboxOf(booking.id)).filter((row) => row.topic === 'reminder')
    const queue = recordingQueue()
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/move`,
      { slot: 'other', date: daysAhead(22), start: '15:15' },
      { NOTIFY_QUEUE: queue.binding },
    )
    expect(response.headers.get('Location')).toBe(`/admin/requests/${booking.id}?done=moved`)
    const start = at(daysAhead(22), '15:15')
    expect(await readBooking(booking.id)).toMatchObject({
      appointmentState: 'confirmed',
      confirmedStart: start,
      confirmedEnd: new Date(start.getTime() + hour),
      appointmentSequence: 2,
    })
    const outbox = await outboxOf(booking.id)
    const moved = outbox.find((row) => row.topic === 'moved')
    expect(moved).toMatchObject({ status: 'pending', appointmentSequence: 2 })
    expect(queue.enqueued).toEqual([moved!.id])
    expect(outbox.find((row) => row.id === oldReminder!.id)?.status).toBe('skipped')
    const reminders = outbox.filter((row) => row.topic === 'reminder' && row.status === 'pending')
    // REMINDER_HOURS=24: the same clinic time the day before, a run of the five-minute cron outside the quiet hours.
    expect(reminders.map((row) => row.dueAt)).toEqual([at(daysAhead(21), '15:15')])
    expect((await appointmentHistory(booking.id)).at(-1)).toBe(`confirmed → confirmed: ${daysAhead(22)} 15:15 (Pacific Time)`)
    expect(await pageOf(booking.id)).toContain(formatInstant(start))
  })

  it.each([
    ['a time already past', { slot: 'other', date: daysAhead(-2), start: '10:00' }, 'Every time must be in the future'],
    [
      'a time more than two years ahead',
      { slot: 'other', date: daysAhead(2 * 366 + 1), start: '10:00' },
      'An appointment can be at most two years ahead. Choose an earlier date.',
    ],
    ['no time', { slot: 'other', date: daysAhead(3) }, 'Enter the new date and a start time'],
    ['a malformed time', { slot: 'other', date: daysAhead(3), start: '9.30' }, 'Enter each time as a date and a start time'],
  ])('refuses %s with 422', async (_, fields, message) => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, openWeekday(23), '10:00')
    const response = await adminPost(session, `/admin/requests/${booking.id}/move`, fields)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(message)
    expect((await readBooking(booking.id)).confirmedStart).toEqual(at(openWeekday(23), '10:00'))
  })
})

describe('cancelling', () => {
  it('cancels a confirmed appointment for the clinic: reason, sequence, email, reminders void, time released', async () => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, openWeekday(24), '09:00')
    const queue = recordingQueue()
    const response = await adminPost(
      session,
      `/admin/requests/${booking.id}/cancel`,
      { reason: 'The clinic is closed that day.' },
      { NOTIFY_QUEUE: queue.binding },
    )
    expect(response.headers.get('Location')).toBe(`/admin/requests/${booking.id}?done=cancelled`)
    expect(await readBooking(booking.id)).toMatchObject({
      appointmentState: 'cancelled',
      cancelledBy: 'clinic',
      appointmentReason: 'The clinic is closed that day.',
      appointmentSequence: 2,
    })
    const outbox = await outboxOf(booking.id)
    const cancelled = outbox.find((row) => row.topic === 'cancelled')
    expect(queue.enqueued).toEqual([cancelled!.id])
    expect(outbox.filter((row) => row.topic === 'reminder').map((row) => row.status)).toEqual(['skipped'])
    const page = await pageOf(booking.id)
    expect(page).toContain('<dt>Cancelled by</dt><dd>the clinic</dd>')
    expect(page).toContain('The clinic is closed that day.')
    const other = await storeBooking()
    expect((await adminPost(session, `/admin/requests/${other.id}/propose`, { slot1: `${openWeekday(24)}T09:00` })).status).toBe(303)
  })

  it('cancels a request not yet confirmed, with no reason', async () => {
    const booking = await storeBooking()
    expect((await adminPost(session, `/admin/requests/${booking.id}/cancel`, { reason: '' })).status).toBe(303)
    expect(await readBooking(booking.id)).toMatchObject({
      appointmentState: 'cancelled',
      cancelledBy: 'clinic',
      appointmentReason: null,
      appointmentSequence: 1,
    })
    expect(await appointmentHistory(booking.id)).toEqual(['requested → cancelled'])
  })

  it('refuses a reason over 300 characters with 422', async () => {
    const booking = await storeBooking()
    const response = await adminPost(session, `/admin/requests/${booking.id}/cancel`, { reason: 'y'.repeat(301) })
    expect(response.status).toBe(422)
    expect((await readBooking(booking.id)).appointmentState).toBe('requested')
  })
})

describe('recording how it went', () => {
  it.each([
    ['attended', 'Attended', 'Recorded: the patient attended.'],
    ['no-show', 'Did not attend', 'Recorded: the patient did not attend.'],
    ['late-cancelled', 'Cancelled too late', 'Recorded: cancelled too late.'],
  ] as const)('records %s once the start has passed, and emails nobody', async (outcome, label, flash) => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, openWeekday(25), '10:00')
    await startedAgo(booking.id, 90)
    const before = await outboxOf(booking.id)
    const queue = recordingQueue()
    const response = await adminPost(session, `/admin/requests/${booking.id}/outcome`, { outcome }, { NOTIFY_QUEUE: queue.binding })
    expect(response.headers.get('Location')).toBe(`/admin/requests/${booking.id}?done=${outcome}`)
    expect((await readBooking(booking.id)).appointmentState).toBe(outcome)
    expect((await outboxOf(booking.id)).filter((row) => row.topic !== 'reminder')).toEqual(before.filter((row) => row.topic !== 'reminder'))
    expect(queue.enqueued).toEqual([])
    expect((await appointmentHistory(booking.id)).at(-1)).toBe(`confirmed → ${outcome}`)
    const page = await (await adminGet(session, `/admin/requests/${booking.id}?done=${outcome}`)).text()
    expect(page).toContain(`<dd>${label}</dd>`)
    expect(page).toContain(flash)
  })

  it('offers the outcome buttons instead of move and cancel once the start has passed', async () => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, openWeekday(25), '10:00')
    const ahead = await pageOf(booking.id)
    expect(ahead).toContain(`action="/admin/requests/${booking.id}/move"`)
    expect(ahead).toContain(`action="/admin/requests/${booking.id}/cancel"`)
    expect(ahead).not.toContain(`action="/admin/requests/${booking.id}/outcome"`)
    await startedAgo(booking.id, 5)
    const started = await pageOf(booking.id)
    expect(started).toContain(`action="/admin/requests/${booking.id}/outcome"`)
    expect(started).not.toContain(`action="/admin/requests/${booking.id}/move"`)
    expect(started).not.toContain(`action="/admin/requests/${booking.id}/cancel"`)
  })

  it('refuses an outcome the form does not offer with 422', async () => {
    const booking = await storeBooking()
    await confirmAt(session, booking.id, openWeekday(25), '10:00')
    await startedAgo(booking.id, 90)
    const response = await adminPost(session, `/admin/requests/${booking.id}/outcome`, { outcome: 'confirmed' })
    expect(response.status).toBe(422)
    expect((await readBooking(booking.id)).appointmentState).toBe('confirmed')
  })
})

describe('the confirm form', () => {
  it('shows while the booking is requested or proposed, and not once it is confirmed, declined or cancelled', async () => {
    const form = (id: string) => `action="/admin/requests/${id}/confirm"`
    const booking = await storeBooking()
    expect(await pageOf(booking.id)).toContain(form(booking.id))
    expect((await adminPost(session, `/admin/requests/${booking.id}/propose`, { slot1: `${openWeekday(26)}T12:00` })).status).toBe(303)
    expect(await pageOf(booking.id)).toContain(form(booking.id))
    await confirmAt(session, booking.id, openWeekday(26), '12:00')
    expect(await pageOf(booking.id)).not.toContain(form(booking.id))
    const declined = await storeBooking()
    expect((await adminPost(session, `/admin/requests/${declined.id}/decline`, { reason: 'Not a treatment offered here.' })).status).toBe(303)
    expect(await pageOf(declined.id)).not.toContain(form(declined.id))
    const cancelled = await storeBooking()
    expect((await adminPost(session, `/admin/requests/${cancelled.id}/cancel`, {})).status).toBe(303)
    expect(await pageOf(cancelled.id)).not.toContain(form(cancelled.id))
  })
})

describe('the inbox’s outcome counts', () => {
  /** This month's count of one outcome, as the inbox list shows it at `now`. */
  const shown = async (now: Date, label: string) => {
    const html = await (await adminAt(createInboxRoutes({ clock: () => now }), '/admin').get('/admin')).text()
    const row = /<th scope="row">This month<\/th>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? ''
    return Number(new RegExp(`<td data-label="${label}">(\\d+)</td>`).exec(row)?.[1])
  }

  it('counts an appointment recorded as attended in this month’s row, in the month’s first minute too', async () => {
    // The clinic's clock, fixed: the visit began at midnight on the 1st, and the page is read 30 seconds later.
    const start = at('2033-09-01', '00:00')
    const now = new Date(start.getTime() + 30_000)
    const written = new Date(start.getTime() - 7 * 24 * hour)
    const { id } = await storeFixedBooking(written)
    expect(await confirm(id, start, written)).toBe(true)
    const [attended, noShow] = [await shown(now, 'Attended'), await shown(now, 'Did not attend')]
    expect(await applyTransition(db(), { id, guard: transitions.attended, actor: 'practitioner', now })).toBe(true)
    expect([await shown(now, 'Attended'), await shown(now, 'Did not attend')]).toEqual([attended + 1, noShow])
  })
})
