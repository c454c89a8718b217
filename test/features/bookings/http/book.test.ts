import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { busyCalendarState, preferredTimes, requests } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { recordingQueue } from '../../../helpers/bindings'
import { bookingAt, clinicTime, detailsFor } from '../../../helpers/book'
import { db, uniqueEmail } from '../../../helpers/forms'
import { request } from '../../../helpers/http'
import { withSettings } from '../../../helpers/settings'

// Every test here has its own week of 2045 and a fixed clock; no other file books in 2045.

const rowsOf = (email: string) => db().select().from(requests).where(eq(requests.email, email))
/** The radio or checkbox values offered on a page, as epoch ms. */
const offered = (html: string) => [...html.matchAll(/name="start" value="(\d+)"/g)].map((match) => Number(match[1]))
const legends = (html: string) => [...html.matchAll(/<legend>([^<]+)<\/legend>/g)].map((match) => match[1])
const asRequest = <T>(run: () => Promise<T>) =>
  withSettings(
    'treatments',
    (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, bookingMode: 'request' as const } : item)) }),
    run,
  )

describe('the week of free times', () => {
  it('groups a week of free starts by day, as 12-hour times in Pacific Time, with the next week linked and no week before today', async () => {
    const response = await bookingAt(clinicTime('2045-01-02', '08:00')).get('/book?treatment=back-pain')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('Week of January 2, 2045 to January 8, 2045')
    // Monday is inside the 24-hour notice; Tuesday to Friday 09:00–17:00, Saturday 09:00–12:00.
    expect(legends(html).slice(0, 5)).toEqual([
      'Tuesday, January 3, 2045',
      'Wednesday, January 4, 2045',
      'Thursday, January 5, 2045',
      'Friday, January 6, 2045',
      'Saturday, January 7, 2045',
    ])
    expect(offered(html).slice(0, 3)).toEqual(
      [clinicTime('2045-01-03', '09:00'), clinicTime('2045-01-03', '09:30'), clinicTime('2045-01-03', '10:00')].map(Number),
    )
    expect(html).toContain(`type="radio" name="start" value="${clinicTime('2045-01-03', '13:30').getTime()}"`)
    expect(html).toContain('>1:30 PM</label>')
    expect(html).toContain('Times are in Pacific Time')
    expect(html).not.toContain('America/Los_Angeles')
    expect(html).toContain('<form method="get" action="/book/details"')
    expect(html).toContain('href="/book?treatment=back-pain&amp;week=2045-01-09">Next week</a>')
    expect(html).not.toContain('Previous week')
    expect(html).toContain('href="/waitlist/join?treatment=back-pain"')
  })

  it('opens on the first week with a free time, the week before it linked', async () => {
    const html = await (await bookingAt(clinicTime('2045-01-14', '12:00')).get('/book?treatment=back-pain')).text()
    expect(html).toContain('Week of January 16, 2045 to January 22, 2045')
    expect(offered(html)[0]).toBe(clinicTime('2045-01-16', '09:00').getTime())
    expect(html).toContain('href="/book?treatment=back-pain&amp;week=2045-01-09">Previous week</a>')
  })

  it('offers the waitlist and the contact form when nothing in the horizon is free', async () => {
    const html = await withSettings(
      'time-off',
      (value) => ({ entries: [...value.entries, { from: '2045-01-21', to: '2045-04-30', note: '' }] }),
      async () => (await bookingAt(clinicTime('2045-01-21', '12:00')).get('/book?treatment=back-pain')).text(),
    )
    expect(html).toContain('No free times in the next 60 days')
    expect(html).toContain('<a href="/waitlist/join?treatment=back-pain">Join the waitlist</a>')
    expect(html).toContain('<a href="/contact">send us a message</a>')
    expect(offered(html)).toEqual([])
  })

  it('lists the treatments offered first, and answers an unknown or hidden treatment or a malformed week with a 4xx page', async () => {
    const clinic = bookingAt(clinicTime('2045-01-02', '08:00'))
    const list = await (await clinic.get('/book')).text()
    expect(list).toContain('<a href="/book?treatment=back-pain">Back pain focused session</a>: 60 minutes, $95.00')
    // Through the whole Worker: no date matters here.
    expect((await request('/book?treatment=no-such')).status).toBe(404)
    const badWeek = await request('/book?treatment=back-pain&week=2045-02-30')
    expect(badWeek.status).toBe(400)
    expect(await badWeek.text()).toContain('The week must be a date like 2045-03-06')
    const hidden = await withSettings(
      'treatments',
      (value) => ({ items: value.items.map((item) => (item.id === 'initial' ? { ...item, visible: false } : item)) }),
      () => request('/book?treatment=initial'),
    )
    expect(hidden.status).toBe(404)
    expect(await hidden.text()).toContain('Initial consultation and treatment is not offered at the moment')
  })
})

describe('taking a time directly', () => {
  it('confirms the booking at once, hands its confirmation and notice to the queue, and opens the patient’s page', async () => {
    const now = clinicTime('2045-01-27', '12:00')
    const start = clinicTime('2045-01-31', '10:00')
    const queue = recordingQueue()
    const clinic = bookingAt(now, { NOTIFY_QUEUE: queue.binding })
    const details = await clinic.get(`/book/details?treatment=back-pain&week=2045-01-30&start=${start.getTime()}`)
    expect(details.status).toBe(200)
    const detailsHtml = await details.text()
    expect(detailsHtml).toContain('Tuesday, January 31, 2045, 10:00 AM (Pacific Time)')
    expect(detailsHtml).toContain('href="/book?treatment=back-pain&amp;week=2045-01-30">Choose another time</a>')

    const fields = await detailsFor([start])
    const response = await clinic.post(fields, { clientIp: '198.51.100.7' })
    expect(response.status).toBe(303)
    const page = response.headers.get('Location') ?? ''
    expect(page).toMatch(/^\/manage\/[0-9a-f]{32}\?done=booked$/)
    const [row] = await rowsOf(fields.email)
    expect(row).toMatchObject({ status: 'scheduled', appointmentState: 'confirmed', bookedVia: 'direct', serviceId: 'back-pain', patientStatus: 'returning' })
    expect(row!.confirmedStart).toEqual(start)
    expect(row!.confirmedEnd).toEqual(clinicTime('2045-01-31', '11:00'))
    expect(row!.clientKey).toMatch(/^[0-9a-f]{64}$/)
    const outbox = await db().select().from(notifications).where(eq(notifications.requestId, row!.id))
    const handed = outbox.filter((notification) => notification.topic !== 'reminder')
    expect(handed.map((notification) => notification.topic).sort()).toEqual(['confirmed', 'request'])
    expect(queue.enqueued.sort()).toEqual(handed.map((notification) => notification.id).sort())
    expect(outbox.filter((notification) => notification.topic === 'reminder')).toHaveLength(1)

    const own = await clinic.get(page)
    expect(own.status).toBe(200)
    const ownHtml = await own.text()
    expect(ownHtml).toContain('Your appointment is booked.')
    expect(ownHtml).toContain('Back pain focused session, 60 minutes, $95.00')
    expect(ownHtml).toContain(row!.reference)
    expect(ownHtml).toContain('Springfield')
    const calendarLink = /href="(\/manage\/[0-9a-f]{32}\/appointment\.ics)"/.exec(ownHtml)?.[1] ?? ''
    const ics = await clinic.get(calendarLink)
    expect(ics.status).toBe(200)
    expect(ics.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(await ics.text()).toContain('DTSTART;TZID=America/Los_Angeles:20450131T100000')

    // The time is no longer offered to anyone.
    expect(offered(await (await clinic.get('/book?treatment=back-pain&week=2045-01-30')).text())).not.toContain(start.getTime())
  })

  it('gives a double click its one booking, not a “just taken” for its own time', async () => {
    const now = clinicTime('2045-03-24', '12:00')
    const start = clinicTime('2045-03-28', '10:00')
    const clinic = bookingAt(now)
    const fields = await detailsFor([start])
    const [first, second] = [await clinic.post(fields), await clinic.post(fields)]
    expect([first.status, second.status]).toEqual([303, 303])
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(await rowsOf(fields.email)).toHaveLength(1)
  })

  it('answers JSON clients 201 with the reference, and 409 with the fresh free times when the time is taken', async () => {
    const now = clinicTime('2045-03-31', '12:00')
    const start = clinicTime('2045-04-04', '10:00')
    const clinic = bookingAt(now)
    const taken = await clinic.post(await detailsFor([start]), { json: true })
    expect(taken.status).toBe(201)
    expect(await taken.json()).toMatchObject({ reference: expect.stringMatching(/^[A-Z0-9-]+$/), mode: 'direct', page: expect.stringMatching(/^\/manage\//) })
    const refused = await clinic.post(await detailsFor([start]), { json: true })
    expect(refused.status).toBe(409)
    const body = (await refused.json()) as { error: string; week: string; freeStarts: number[] }
    expect(body.error).toBe('That time was just taken. Choose another time: your details are kept.')
    expect(body.week).toBe('2045-04-03')
    expect(body.freeStarts).not.toContain(start.getTime())
    expect(body.freeStarts).toContain(clinicTime('2045-04-04', '11:00').getTime())
  })
})

describe('“That time was just taken”', () => {
  it('answers 409 with the week’s fresh times and every detail kept, so the second patient picks again without retyping', async () => {
    const now = clinicTime('2045-03-10', '12:00')
    const start = clinicTime('2045-03-14', '10:00')
    const clinic = bookingAt(now)
    expect((await clinic.post(await detailsFor([start]))).status).toBe(303)
    const second = await detailsFor([start], { name: 'Sam Second', notes: 'Left knee & hip' })
    const response = await clinic.post(second)
    expect(response.status).toBe(409)
    const html = await response.text()
    expect(html).toContain('That time was just taken')
    expect(html).toContain('<form method="post" action="/book"')
    expect(offered(html)).not.toContain(start.getTime())
    expect(offered(html)).toContain(clinicTime('2045-03-14', '11:00').getTime())
    for (const [name, value] of [
      ['name', 'Sam Second'],
      ['email', second.email],
      ['notes', 'Left knee &amp; hip'],
      ['pain', 'disc'],
      ['consent', 'yes'],
      ['treatment', 'back-pain'],
    ]) {
      expect(html).toContain(`type="hidden" name="${name}" value="${value}"`)
    }
    expect(await rowsOf(second.email)).toEqual([])
  })

  it('refuses a start no longer free (inside the notice) with 409, and one off the grid or not a number with 422', async () => {
    const now = clinicTime('2045-03-17', '12:00')
    const clinic = bookingAt(now)
    const late = await detailsFor([clinicTime('2045-03-17', '14:00')])
    expect((await clinic.post(late)).status).toBe(409)
    const offGrid = await clinic.post(await detailsFor([clinicTime('2045-03-21', '09:10')]))
    expect(offGrid.status).toBe(422)
    expect(await offGrid.text()).toContain('That is not one of the times offered')
    const notANumber = await clinic.post({ ...(await detailsFor([clinicTime('2045-03-21', '09:00')])), start: 'nine' })
    expect(notANumber.status).toBe(422)
    const missing = await clinic.post({ ...(await detailsFor([clinicTime('2045-03-21', '09:00')])), start: '' })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Choose a time from the list')
    expect(await rowsOf(late.email)).toEqual([])
  })
})

describe('booking by request', () => {
  it('offers checkboxes for a treatment booked by request and stores up to three exact starts; a fourth is refused', async () => {
    const now = clinicTime('2045-02-03', '12:00')
    const starts = ['09:00', '10:00', '11:00', '12:00'].map((time) => clinicTime('2045-02-07', time))
    const clinic = bookingAt(now)
    await asRequest(async () => {
      const week = await (await clinic.get('/book?treatment=back-pain&week=2045-02-06')).text()
      expect(week).toContain(`type="checkbox" name="start" value="${starts[0]!.getTime()}"`)
      expect(week).toContain('Pick up to 3 times that suit you')
      const tooMany = await clinic.post(await detailsFor(starts))
      expect(tooMany.status).toBe(422)
      expect(await tooMany.text()).toContain('Choose at most 3 times')
      const fields = await detailsFor(starts.slice(0, 3))
      const response = await clinic.post(fields)
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toMatch(/^\/book\/thanks\?ref=[A-Z0-9-]+&page=[0-9a-f]{32}$/)
      const [row] = await rowsOf(fields.email)
      expect(row).toMatchObject({ bookedVia: 'request', appointmentState: 'requested', confirmedStart: null })
      const times = await db().select().from(preferredTimes).where(eq(preferredTimes.requestId, row!.id)).orderBy(preferredTimes.position)
      expect(times.map(({ date, period, start }) => ({ date, period, start }))).toEqual([
        { date: '2045-02-07', period: 'morning', start: starts[0] },
        { date: '2045-02-07', period: 'morning', start: starts[1] },
        { date: '2045-02-07', period: 'morning', start: starts[2] },
      ])
    })
  })

  it('sends a first visit through request when the clinic asks so, and says why', async () => {
    const now = clinicTime('2045-02-10', '12:00')
    const start = clinicTime('2045-02-14', '10:00')
    const clinic = bookingAt(now)
    const response = await withSettings(
      'policies',
      (value) => ({ ...value, firstVisitsByRequest: true }),
      async () => clinic.post(await detailsFor([start], { patientStatus: 'new' })),
    )
    expect(response.status).toBe(303)
    const thanks = response.headers.get('Location') ?? ''
    expect(thanks).toMatch(/^\/book\/thanks\?ref=[A-Z0-9-]+&reason=first-visit&page=[0-9a-f]{32}$/)
    expect(await (await clinic.get(thanks)).text()).toContain(
      'As this is your first visit, we confirm your time ourselves: we will confirm your time by email.',
    )
  })

  it('falls back to request while the practitioner’s calendar is overdue', async () => {
    const now = clinicTime('2045-02-17', '12:00')
    const start = clinicTime('2045-02-21', '10:00')
    const clinic = bookingAt(now)
    const [before] = await db().select().from(busyCalendarState)
    const overdue = { id: 1, feedUrl: 'https://calendar.example.test/secret.ics', lastGoodReadAt: new Date(now.getTime() - 3 * 3_600_000) }
    await db().insert(busyCalendarState).values(overdue).onConflictDoUpdate({ target: busyCalendarState.id, set: overdue })
    try {
      expect(await (await clinic.get('/book?treatment=back-pain&week=2045-02-20')).text()).toContain('type="checkbox" name="start"')
      const fields = await detailsFor([start])
      const response = await clinic.post(fields)
      expect(response.headers.get('Location')).toMatch(/&reason=calendar-overdue&page=[0-9a-f]{32}$/)
      expect(await rowsOf(fields.email)).toMatchObject([{ bookedVia: 'request', confirmedStart: null }])
    } finally {
      if (before) await db().update(busyCalendarState).set(before).where(eq(busyCalendarState.id, before.id))
      else await db().delete(busyCalendarState).where(eq(busyCalendarState.id, 1))
    }
  })
})

describe('the caps on direct bookings', () => {
  const bookThree = async (now: Date, date: string, fields: (start: Date) => Promise<Record<string, string | string[]>>, clientIp?: string) => {
    const clinic = bookingAt(now)
    const answers: string[] = []
    for (const time of ['09:00', '11:00', '14:00'])
      answers.push((await clinic.post(await fields(clinicTime(date, time)), { clientIp })).headers.get('Location') ?? '')
    return answers
  }

  it('makes a third upcoming direct booking of one email address a request for the chosen time', async () => {
    const email = uniqueEmail('capped')
    const answers = await bookThree(clinicTime('2045-02-24', '12:00'), '2045-02-28', (start) => detailsFor([start], { email }))
    expect(answers.map((answer) => answer.split('?')[0]!.replace(/[0-9a-f]{32}/, 'token'))).toEqual(['/manage/token', '/manage/token', '/book/thanks'])
    expect(answers[2]).toMatch(/&reason=address-cap&page=[0-9a-f]{32}$/)
    const rows = await rowsOf(email)
    expect(rows.map((row) => row.bookedVia).sort()).toEqual(['direct', 'direct', 'request'])
  })

  it('makes a third upcoming direct booking from one client a request, whatever the addresses', async () => {
    const answers = await bookThree(clinicTime('2045-03-03', '12:00'), '2045-03-07', (start) => detailsFor([start]), '198.51.100.99')
    expect(answers[2]).toMatch(/^\/book\/thanks\?ref=[A-Z0-9-]+&reason=address-cap&page=[0-9a-f]{32}$/)
    const reference = new URL(answers[2]!, 'https://x').searchParams.get('ref')!
    const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
    const times = await db()
      .select()
      .from(preferredTimes)
      .where(inArray(preferredTimes.requestId, [row!.id]))
    expect(times.map((time) => time.start)).toEqual([clinicTime('2045-03-07', '14:00')])
  })
})
