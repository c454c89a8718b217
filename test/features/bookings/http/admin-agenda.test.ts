import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { createAgendaRoutes } from '../../../../src/features/bookings/http/agenda'
import { busyBlocks, preferredTimes } from '../../../../src/features/bookings/store/schema'
import { changeStatus } from '../../../../src/features/bookings/store/triage'
import { formatClock, formatDay } from '../../../../src/platform/dates'
import { addDays, zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminAt, adminGet, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { confirm, propose, storeBooking } from '../../../helpers/manage'

// This file's weeks are in 2046 (Mondays 2046-05-07, 05-14, 05-21, 06-04): no other file books then.
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
/** The markup of one day's section. */
const dayIn = (html: string, date: string) =>
  new RegExp(`<section class="agenda-day" aria-labelledby="day-${date}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[0] ?? ''
/** Each line of a day as [kind, its words], tags dropped. */
const itemsIn = (day: string) =>
  [...day.matchAll(/<li class="agenda-([a-z]+)">([\s\S]*?)<\/li>/g)].map((match) => [
    match[1],
    match[2]!
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  ])
const span = (date: string, from: string, to: string) => `${formatClock(at(date, from))} to ${formatClock(at(date, to))}`
const agendaAt = (now: Date) => adminAt(createAgendaRoutes({ clock: () => now }), '/admin/agenda')

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

describe('the week view', () => {
  it('shows the clinic week from Monday to Sunday, today marked, with links to the weeks either side', async () => {
    const now = at('2046-05-09', '12:00')
    const html = await (await agendaAt(now).get('/admin/agenda')).text()
    const days = Array.from({ length: 7 }, (_, index) => addDays('2046-05-07', index))
    expect([...html.matchAll(/<h2 id="day-([\d-]+)">/g)].map((match) => match[1])).toEqual(days)
    expect(html).toContain(`<h1>Week of ${formatDay('2046-05-07')}</h1>`)
    expect([...html.matchAll(/aria-current="date"/g)]).toHaveLength(1)
    expect(dayIn(html, '2046-05-09')).toContain('aria-current="date"')
    expect(dayIn(html, '2046-05-09')).toContain(`${formatDay('2046-05-09')} <span class="badge">today</span>`)
    expect(html).toContain('<a href="/admin/agenda?week=2046-04-30">Previous week</a>')
    expect(html).toContain('<a href="/admin/agenda?week=2046-05-14">Next week</a>')
    expect(html).not.toContain('This week</a>')
    expect(html).toContain('Times in Pacific Time.')
    expect(html).not.toContain(practice.timeZone)
    // Any date names its week; a week without today marks none and links back to this one.
    const later = await (await agendaAt(now).get('/admin/agenda?week=2046-05-19')).text()
    expect([...later.matchAll(/<h2 id="day-([\d-]+)">/g)].map((match) => match[1])).toEqual(
      Array.from({ length: 7 }, (_, index) => addDays('2046-05-14', index)),
    )
    expect(later).not.toContain('aria-current="date"')
    expect(later).toContain('<a href="/admin/agenda">This week</a>')
  })

  it.each(['2046-13-01', 'next', '2046-5-7'])('answers a malformed week (%s) with a 400 page that says what to do', async (week) => {
    const response = await adminGet(session, `/admin/agenda?week=${week}`)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('The week to show must be a date such as 2046-03-05.')
  })

  it('shows each day’s opening hours or time off, appointments with their warnings and links, and free gaps between them', async () => {
    const monday = '2046-05-14'
    const now = at('2046-05-13', '12:00')
    const written = new Date(now.getTime() - 24 * 3_600_000)
    const [first, overlapping, later, gone] = await Promise.all([1, 2, 3, 4].map(() => storeBooking(written)))
    expect(await confirm(first!.id, at(monday, '10:00'), written)).toBe(true)
    expect(await confirm(overlapping!.id, at(monday, '10:30'), written)).toBe(true)
    expect(await confirm(later!.id, at('2046-05-15', '15:00'), written)).toBe(true)
    expect(await confirm(gone!.id, at('2046-05-15', '09:00'), written)).toBe(true)
    expect(await changeStatus(db(), { id: gone!.id, status: 'spam', actor: 'practitioner', now: written })).toBe('changed')
    const html = await (await agendaAt(now).get(`/admin/agenda?week=${monday}`)).text()
    const day = dayIn(html, monday)
    expect(day).toContain(`<p class="agenda-hours">Open ${span(monday, '09:00', '18:00')}</p>`)
    expect(itemsIn(day)).toEqual([
      ['free', `${span(monday, '09:00', '10:00')}: Free`],
      [
        'appointment',
        `${span(monday, '10:00', '11:00')}: Robin Patient, Back pain focused session overlaps another appointment Move Robin Patient’s appointment`,
      ],
      [
        'appointment',
        `${span(monday, '10:30', '11:30')}: Robin Patient, Back pain focused session overlaps another appointment Move Robin Patient’s appointment`,
      ],
      ['free', `${span(monday, '11:30', '18:00')}: Free`],
    ])
    expect(day).toContain(`<a href="/admin/requests/${first!.id}">Robin Patient</a>`)
    expect(day).toContain(`<a href="/admin/requests/${overlapping!.id}#move-heading">`)
    // The spam booking holds no time: Tuesday's morning is free, its afternoon appointment is not flagged.
    expect(itemsIn(dayIn(html, '2046-05-15'))).toEqual([
      ['free', `${span('2046-05-15', '09:00', '15:00')}: Free`],
      ['appointment', `${span('2046-05-15', '15:00', '16:00')}: Robin Patient, Back pain focused session Move Robin Patient’s appointment`],
      ['free', `${span('2046-05-15', '16:00', '18:00')}: Free`],
    ])
    expect(html).not.toContain(gone!.id)
    expect(dayIn(html, '2046-05-19')).toContain(`<p class="agenda-hours">Open ${span('2046-05-19', '09:00', '13:00')}</p>`)
    expect(dayIn(html, '2046-05-20')).toContain('<p class="agenda-hours">Closed</p>')
    expect(dayIn(html, '2046-05-20')).toContain('<p>Nothing booked, nothing free.</p>')
  })

  it('offers no Move for an appointment already started, and no free gap before now', async () => {
    const monday = '2046-06-04'
    const booking = await storeBooking(at('2046-06-01', '12:00'))
    expect(await confirm(booking.id, at(monday, '09:00'), at('2046-06-01', '12:00'))).toBe(true)
    const day = dayIn(await (await agendaAt(at(monday, '09:30')).get('/admin/agenda')).text(), monday)
    expect(itemsIn(day)).toEqual([
      ['appointment', `${span(monday, '09:00', '10:00')}: Robin Patient, Back pain focused session`],
      ['free', `${span(monday, '10:00', '18:00')}: Free`],
    ])
  })

  it('shows proposals and requests waiting, with their exact starts or periods and links to Confirm and Propose', async () => {
    const tuesday = '2046-05-22'
    const written = at('2046-05-18', '12:00')
    const proposed = await storeBooking(written)
    await propose(proposed.id, [at(tuesday, '10:00')], written)
    const byPeriod = await storeBooking(written, { times: [{ date: tuesday, period: 'afternoon' }] })
    const exact = await storeBooking(written, { times: [{ date: tuesday, period: 'afternoon' }] })
    await db()
      .update(preferredTimes)
      .set({ start: at(tuesday, '14:30') })
      .where(eq(preferredTimes.requestId, exact.id))
    const day = dayIn(await (await agendaAt(written).get(`/admin/agenda?week=${tuesday}`)).text(), tuesday)
    const waiting = (time: string) =>
      `${time}: Robin Patient asks for Back pain focused session, waiting for you. Confirm Robin Patient’s request Propose times to Robin Patient`
    expect(itemsIn(day).filter(([kind]) => kind !== 'free')).toEqual([
      ['proposal', `${span(tuesday, '10:00', '11:00')}: proposed to Robin Patient, waiting for the patient to choose`],
      ['waiting', waiting('Afternoon')],
      ['waiting', waiting(formatClock(at(tuesday, '14:30')))],
    ])
    expect(day).toContain(`<a href="/admin/requests/${proposed.id}">Robin Patient</a>`)
    for (const request of [byPeriod, exact]) {
      expect(day).toContain(`<a href="/admin/requests/${request.id}#confirm-heading">`)
      expect(day).toContain(`<a href="/admin/requests/${request.id}#propose-heading">`)
    }
    // A proposal is not an appointment: its time stays free.
    expect(itemsIn(day).filter(([kind]) => kind === 'free')).toEqual([['free', `${span(tuesday, '09:00', '18:00')}: Free`]])
  })

  it('shows the practitioner’s busy blocks as “Busy” and nothing more, and keeps their time out of the free gaps', async () => {
    const thursday = '2046-05-24'
    const [block] = await db()
      .insert(busyBlocks)
      .values({ start: at(thursday, '13:00'), end: at(thursday, '14:15') })
      .returning({ id: busyBlocks.id })
    try {
      const day = dayIn(await (await agendaAt(at('2046-05-20', '12:00')).get(`/admin/agenda?week=${thursday}`)).text(), thursday)
      expect(itemsIn(day)).toEqual([
        ['free', `${span(thursday, '09:00', '13:00')}: Free`],
        ['busy', `${span(thursday, '13:00', '14:15')}: Busy`],
        ['free', `${span(thursday, '14:30', '18:00')}: Free`],
      ])
    } finally {
      await db().delete(busyBlocks).where(eq(busyBlocks.id, block!.id))
    }
  })
})
