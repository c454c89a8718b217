import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import type { AdminEnv } from '../../../../src/features/admin-access'
import { createAppointmentRoutes } from '../../../../src/features/bookings/http/appointment'
import { listProposals } from '../../../../src/features/bookings/store/appointment-queries'
import { busyBlocks, preferredTimes } from '../../../../src/features/bookings/store/schema'
import { createRequestRoutes } from '../../../../src/features/inbox/http/request'
import { formatClock, formatDay, formatInstant } from '../../../../src/platform/dates'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { adminAt } from '../../../helpers/admin'
import { readBooking } from '../../../helpers/appointments'
import { db } from '../../../helpers/forms'
import { confirm, storeBooking } from '../../../helpers/manage'
import { withSettings } from '../../../helpers/settings'

// Every day here is in 2046 (weeks of July and August), which no other file books.
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const inboxAt = (now: Date) =>
  adminAt(
    new Hono<AdminEnv>().route('/', createRequestRoutes({ clock: () => now })).route('/', createAppointmentRoutes({ clock: () => now })),
    '/admin/requests',
  )
const optionsOf = (html: string, id: string) =>
  [...(new RegExp(`<select id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '').matchAll(/<option value="([^"]*)"/g)].map((match) => match[1])
const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? ''
const onDay = (date: string, times: readonly string[]) => times.map((time) => `${date}T${time}`)

/** A request for the morning of `date`, stored the day before `now`. */
const morningRequest = (date: string, now: Date) => storeBooking(new Date(now.getTime() - 24 * 3_600_000), { times: [{ date, period: 'morning' }] })

describe('Confirm offers only free starts', () => {
  it('makes each exact start the patient picked a one-click confirm while it is free, and says when it no longer is', async () => {
    const day = '2046-07-10'
    const now = at('2046-07-02', '12:00')
    const other = await storeBooking(now)
    expect(await confirm(other.id, at(day, '11:00'), now)).toBe(true)
    const booking = await storeBooking(now, {
      times: [
        { date: day, period: 'morning' },
        { date: day, period: 'morning' },
      ],
    })
    for (const [position, time] of [
      [1, '10:00'],
      [2, '11:00'],
    ] as const) {
      await db()
        .update(preferredTimes)
        .set({ start: at(day, time) })
        .where(and(eq(preferredTimes.requestId, booking.id), eq(preferredTimes.position, position)))
    }
    const inbox = inboxAt(now)
    const page = await (await inbox.get(`/admin/requests/${booking.id}`)).text()
    expect(page).toContain(
      `<input type="hidden" name="slot" value="${day}T10:00"/><button type="submit" class="button">Confirm ${formatInstant(at(day, '10:00'))}</button>`,
    )
    expect(page).toContain(`<li>${formatInstant(at(day, '11:00'))}: <strong>no longer free</strong></li>`)
    expect(page).not.toContain(`value="${day}T11:00"`)
    expect((await inbox.post(`/admin/requests/${booking.id}/confirm`, { slot: `${day}T11:00`, revision: revisionOf(page) })).status).toBe(422)
    const confirmed = await inbox.post(`/admin/requests/${booking.id}/confirm`, { slot: `${day}T10:00`, revision: revisionOf(page) })
    expect(confirmed.status).toBe(303)
    expect(await readBooking(booking.id)).toMatchObject({ appointmentState: 'confirmed', confirmedStart: at(day, '10:00') })
  })

  it('does not offer a start inside the buffer after another appointment, and refuses it when posted', async () => {
    const day = '2046-07-17'
    const now = at('2046-07-09', '12:00')
    const other = await storeBooking(now)
    expect(await confirm(other.id, at(day, '09:00'), now)).toBe(true)
    const booking = await morningRequest(day, now)
    await withSettings(
      'policies',
      (policies) => ({ ...policies, bufferMinutes: 30 }),
      async () => {
        const inbox = inboxAt(now)
        const page = await (await inbox.get(`/admin/requests/${booking.id}`)).text()
        // 09:00 to 10:00 is held, and its buffer to 10:30: the first free start of an hour's treatment is 10:30.
        expect(optionsOf(page, 'f-slot')).toEqual([...onDay(day, ['10:30', '11:00', '11:30']), 'other'])
        expect(optionsOf(page, 'f-propose-slot1')).not.toContain(`${day}T10:00`)
        const response = await inbox.post(`/admin/requests/${booking.id}/confirm`, { slot: `${day}T10:00`, revision: revisionOf(page) })
        expect(response.status).toBe(422)
        expect(await response.text()).toContain('That start is not one of those offered')
      },
    )
    expect((await readBooking(booking.id)).appointmentState).toBe('requested')
  })

  it('does not offer a start in a busy block from the practitioner’s calendar', async () => {
    const day = '2046-07-24'
    const now = at('2046-07-16', '12:00')
    const booking = await morningRequest(day, now)
    const [block] = await db()
      .insert(busyBlocks)
      .values({ start: at(day, '10:00'), end: at(day, '11:00') })
      .returning({ id: busyBlocks.id })
    try {
      const page = await (await inboxAt(now).get(`/admin/requests/${booking.id}`)).text()
      expect(optionsOf(page, 'f-slot')).toEqual([...onDay(day, ['09:00', '11:00', '11:30']), 'other'])
      expect(page).toContain(`<option value="${day}T09:00">${formatDay(day)}, morning, ${formatClock(at(day, '09:00'))}</option>`)
    } finally {
      await db().delete(busyBlocks).where(eq(busyBlocks.id, block!.id))
    }
  })
})

describe('Propose and Move offer only free starts', () => {
  it('proposes free starts chosen from the week offered, and refuses one no longer free', async () => {
    const now = at('2046-07-30', '12:00')
    const other = await storeBooking(now)
    expect(await confirm(other.id, at('2046-07-31', '10:00'), now)).toBe(true)
    const booking = await morningRequest('2046-08-01', now)
    const inbox = inboxAt(now)
    const page = await (await inbox.get(`/admin/requests/${booking.id}`)).text()
    const offered = optionsOf(page, 'f-propose-slot1')
    // Seven days from today (Monday to Sunday, closed): today's past starts and the held hour left out.
    expect(offered[0]).toBe('')
    expect(offered[1]).toBe('2046-07-30T12:00')
    expect(offered).not.toContain('2046-07-30T11:30')
    expect(offered).toContain('2046-07-31T09:00')
    expect(offered).not.toContain('2046-07-31T09:30')
    expect(offered).not.toContain('2046-07-31T10:30')
    expect(offered).toContain('2046-07-31T11:00')
    expect(offered.at(-1)).toBe('2046-08-04T12:00')
    expect(page).toContain(`<optgroup label="${formatDay('2046-07-31')}">`)
    expect(page).toContain(`<a href="/admin/requests/${booking.id}?from=2046-08-06#propose-heading">Later days</a>`)
    expect(page).not.toContain('Earlier days')
    const refused = await inbox.post(`/admin/requests/${booking.id}/propose`, { slot1: '2046-07-31T10:30', revision: revisionOf(page) })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('A chosen time is no longer free, or has passed.')
    const proposed = await inbox.post(`/admin/requests/${booking.id}/propose`, {
      slot1: '2046-07-31T11:00',
      slot2: '',
      slot3: '2046-08-02T15:00',
      revision: revisionOf(page),
    })
    expect(proposed.status).toBe(303)
    expect((await listProposals(db(), booking.id)).map((proposal) => proposal.start)).toEqual([at('2046-07-31', '11:00'), at('2046-08-02', '15:00')])
  })

  it('pages the offered days with ?from= and refuses a malformed one', async () => {
    const now = at('2046-07-30', '12:00')
    const booking = await morningRequest('2046-08-01', now)
    const page = await (await inboxAt(now).get(`/admin/requests/${booking.id}?from=2046-08-13`)).text()
    expect(optionsOf(page, 'f-propose-slot1')[1]).toBe('2046-08-13T09:00')
    expect(page).toContain(`<a href="/admin/requests/${booking.id}?from=2046-08-06#propose-heading">Earlier days</a>`)
    expect((await inboxAt(now).get(`/admin/requests/${booking.id}?from=soon`)).status).toBe(400)
  })

  it('moves to a free start, its own time not held against it, and refuses a start now busy', async () => {
    const day = '2046-08-07'
    const now = at('2046-08-06', '08:00')
    const booking = await storeBooking(now)
    expect(await confirm(booking.id, at(day, '10:00'), now)).toBe(true)
    const inbox = inboxAt(now)
    const page = await (await inbox.get(`/admin/requests/${booking.id}`)).text()
    const offered = optionsOf(page, 'f-move-slot')
    expect(offered).toContain(`${day}T09:30`)
    expect(offered).toContain(`${day}T10:00`)
    expect(offered.at(-1)).toBe('other')
    const [block] = await db()
      .insert(busyBlocks)
      .values({ start: at(day, '14:00'), end: at(day, '15:00') })
      .returning({ id: busyBlocks.id })
    try {
      const refused = await inbox.post(`/admin/requests/${booking.id}/move`, { slot: `${day}T14:00`, revision: revisionOf(page) })
      expect(refused.status).toBe(422)
      expect(await refused.text()).toContain('A chosen time is no longer free')
    } finally {
      await db().delete(busyBlocks).where(eq(busyBlocks.id, block!.id))
    }
    expect((await inbox.post(`/admin/requests/${booking.id}/move`, { slot: `${day}T09:30`, revision: revisionOf(page) })).status).toBe(303)
    expect((await readBooking(booking.id)).confirmedStart).toEqual(at(day, '09:30'))
  })
})
