import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { createAgendaRoutes } from '../../../../src/features/bookings/http/agenda'
import type { AgendaEntry } from '../../../../src/features/bookings/store/appointment-queries'
import { changeStatus } from '../../../../src/features/bookings/store/triage'
import { AgendaPage } from '../../../../src/features/bookings/views/AgendaPage'
import { formatDay } from '../../../../src/platform/dates'
import { addDays, zonedInstant } from '../../../../src/platform/time-zone'
import { adminAt } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { confirm, propose, storeBooking } from '../../../helpers/manage'
import { renderPage, startingSettings } from '../../../helpers/settings'

const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
/** The markup under one day's heading. */
const dayIn = (html: string, date: string) => new RegExp(`<section aria-labelledby="day-${date}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? ''
const overlapBadge = 'overlaps another appointment'
const clinic = { timeZone: startingSettings.timeZone, treatments: startingSettings.allServices }

describe('the agenda page', () => {
  it('lists today and the next 13 days by clinic day, confirmed appointments only, overlaps flagged, each linking to its request', async () => {
    // The page's today is fixed, and every change is written at a fixed time before it: no wall clock near midnight can move a day.
    const today = '2033-06-06'
    const dayAfter = (days: number) => addDays(today, days)
    const now = at(today, '12:00')
    const written = new Date(now.getTime() - 24 * 3_600_000)
    const [first, overlapping, later, gone, proposed, beyond] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => storeBooking(written)))
    const confirmAt = async (id: string, date: string, time: string) => expect(await confirm(id, at(date, time), written)).toBe(true)
    await confirmAt(first!.id, dayAfter(2), '10:00')
    await confirmAt(overlapping!.id, dayAfter(2), '10:30')
    await confirmAt(later!.id, dayAfter(3), '09:00')
    await confirmAt(gone!.id, dayAfter(3), '09:30')
    expect(await changeStatus(db(), { id: gone!.id, status: 'spam', actor: 'practitioner', now: written })).toBe('changed')
    await propose(proposed!.id, [at(dayAfter(4), '10:00')], written)
    await confirmAt(beyond!.id, dayAfter(14), '10:00')
    const response = await adminAt(createAgendaRoutes({ clock: () => now }), '/admin/agenda').get('/admin/agenda')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<a href="/admin/agenda">Agenda</a>')
    expect([...html.matchAll(/<h2 id="day-([\d-]+)">([^<]+)<\/h2>/g)].map((match) => [match[1], match[2]])).toEqual(
      Array.from({ length: 14 }, (_, index) => [dayAfter(index), formatDay(dayAfter(index))]),
    )
    const second = dayIn(html, dayAfter(2))
    expect(second.indexOf(`href="/admin/requests/${first!.id}"`)).toBeGreaterThan(-1)
    expect(second.indexOf(`href="/admin/requests/${overlapping!.id}"`)).toBeGreaterThan(second.indexOf(`href="/admin/requests/${first!.id}"`))
    expect(second.split(overlapBadge)).toHaveLength(3)
    const third = dayIn(html, dayAfter(3))
    expect(third).toContain(`href="/admin/requests/${later!.id}"`)
    expect(third).not.toContain(overlapBadge)
    for (const absent of [gone!, proposed!, beyond!]) expect(html).not.toContain(absent.id)
    expect(dayIn(html, dayAfter(4))).toContain('No appointments.')
  })
})

describe('AgendaPage', () => {
  const entry = (id: string, date: string, time: string, minutes = 60): AgendaEntry => ({
    id,
    reference: `REF${id.toUpperCase()}`,
    name: `Patient ${id}`,
    serviceId: 'back-pain',
    serviceName: null,
    start: at(date, time),
    end: new Date(at(date, time).getTime() + minutes * 60_000),
  })

  it('groups by the clinic’s day across a clock change, even when UTC is already on the next day', async () => {
    // Clocks go forward in Los Angeles on Sunday 2027-03-14; 23:30 there is already the 15th in UTC.
    const entries = [entry('a', '2027-03-13', '09:00'), entry('b', '2027-03-14', '23:30'), entry('c', '2027-03-15', '08:00')]
    const html = await renderPage(AgendaPage({ entries, today: '2027-03-13', days: 3, csrfToken: 'token', ...clinic }))
    expect([...html.matchAll(/<h2 id="day-[\d-]+">([^<]+)<\/h2>/g)].map((match) => match[1])).toEqual([
      'Saturday, March 13, 2027',
      'Sunday, March 14, 2027',
      'Monday, March 15, 2027',
    ])
    expect(dayIn(html, '2027-03-14')).toContain(
      '<time datetime="2027-03-15T06:30:00.000Z">11:30 PM</time> to <time datetime="2027-03-15T07:30:00.000Z">12:30 AM</time>',
    )
    expect(dayIn(html, '2027-03-15')).toContain('href="/admin/requests/c"')
    expect(dayIn(html, '2027-03-13')).toContain('<td data-label="Treatment">Back pain focused session</td>')
    expect(html).not.toContain(overlapBadge)
  })

  it('flags every appointment that overlaps another, and only those', async () => {
    const entries = [entry('a', '2027-06-01', '09:00', 90), entry('b', '2027-06-01', '10:00'), entry('c', '2027-06-01', '11:00')]
    const html = await renderPage(AgendaPage({ entries, today: '2027-06-01', days: 1, csrfToken: 'token', ...clinic }))
    const rows = html.split('<tr>').slice(2)
    expect(rows.map((row) => row.includes(overlapBadge))).toEqual([true, true, false])
  })
})
