import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { writeAcknowledgement } from '../../../../src/config'
import { formatAppointmentTime } from '../../../../src/features/bookings/messages/appointment-texts'
import { preferredTimes, requests } from '../../../../src/features/bookings/store/schema'
import { formatInstantWithZone } from '../../../../src/features/notifications/format'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { currentSettings } from '../../../../src/features/settings/current'
import { referencePattern } from '../../../../src/platform/reference'
import { bookingFields, contactFields, db, post, referenceFrom } from '../../../helpers/forms'
import { request } from '../../../helpers/http'
import { withSettings } from '../../../helpers/settings'

const rowsFor = (email: string) => db().select().from(requests).where(eq(requests.email, email))

describe('GET the forms', () => {
  it('the contact form has labelled native fields, autocomplete, a token and no caching', async () => {
    const response = await request('/contact')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('<form method="post" action="/contact"')
    expect(html).toContain('<label for="f-name">Your name</label>')
    expect(html).toMatch(/<input id="f-email" name="email" type="email"[^>]*autocomplete="email"[^>]*inputmode="email"/)
    expect(html).toMatch(/<input id="f-phone" name="phone" type="tel"[^>]*autocomplete="tel"/)
    expect(html).toContain('<legend>How should we reply?</legend>')
    expect(html).toMatch(/<input type="hidden" name="started" value="\d{13}\.[0-9a-f]{64}"/)
    expect(html).toContain('href="/privacy"')
  })

  it('the booking page lists the configured treatments with length and price, each opening its week of free times', async () => {
    const response = await request('/book')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('<a href="/book?treatment=back-pain">Back pain focused session</a>: 60 minutes, $95.00')
    expect(html).toContain('<a href="/book?treatment=follow-up">Follow-up treatment</a>: 60 minutes, $90.00')
  })

  it('the details step asks the patient’s details, pain type and whether they have been before, with a token', async () => {
    const start = (await bookingFields()).start
    const html = await (await request(`/book/details?treatment=back-pain&start=${start}`)).text()
    expect(html).toContain('<form method="post" action="/book"')
    expect(html).toContain(`<input type="hidden" name="start" value="${start}"`)
    for (const pain of ['Muscular', 'Disc-related or sciatica', 'Arthritic', 'Stress-related', 'Not sure', 'Other']) expect(html).toContain(pain)
    expect(html).toContain('<legend>Have you been to the clinic before?</legend>')
    expect(html).toMatch(/<input type="hidden" name="started" value="\d{13}\.[0-9a-f]{64}"/)
  })
})

describe('POST /contact', () => {
  it('stores a valid request with a pending notification and redirects to its receipt', async () => {
    const fields = await contactFields({ email: '  Jamie.Patient@Example.ORG ', phone: '(503) 555-0142', preferredContact: 'phone', unknownField: 'ignored' })
    const response = await post('/contact', fields)
    expect(response.status).toBe(303)
    const reference = referenceFrom(response)
    expect(reference).toMatch(referencePattern)
    const location = response.headers.get('Location') ?? ''
    expect(location).toMatch(new RegExp(`^/contact/thanks\\?ref=${reference}&page=[0-9a-f]{32}$`))

    const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
    expect(row).toMatchObject({
      kind: 'contact',
      status: 'new',
      name: 'Jamie Patient',
      email: 'jamie.patient@example.org',
      phone: '+15035550142',
      preferredContact: 'phone',
      message: 'Do you treat sciatica?',
    })
    expect(row!.id).not.toBe(reference)
    const outbox = await db().select().from(notifications).where(eq(notifications.requestId, row!.id))
    // The practitioner's email, and the patient's acknowledgement, on without ACK_PATIENT saying so.
    expect(outbox.map((n) => [n.channel, n.status, n.attempts]).sort()).toEqual([
      ['email', 'pending', 0],
      ['patient', 'pending', 0],
    ])

    const thanks = await request(location)
    expect(thanks.status).toBe(200)
    const page = await thanks.text()
    expect(page).toContain(`<strong>${reference}</strong>`)
    expect(page).toContain('<dt>You asked for</dt><dd>A question</dd>')
    expect(page).toContain(writeAcknowledgement('contact', currentSettings()))
    expect(page).not.toContain('Do you treat sciatica?')
    // The link to the patient's page, stored with the request, opens the question's own page.
    const link = /<a href="(\/manage\/[0-9a-f]{32})">See your request<\/a>/.exec(page)?.[1]
    expect(link).toBe(`/manage/${new URL(location, 'https://clinic.example.com').searchParams.get('page')}`)
    const own = await request(link!)
    expect(own.status).toBe(200)
    const ownPage = await own.text()
    expect(ownPage).toContain('<h1>Your question</h1>')
    expect(ownPage).toContain(`<strong>${reference}</strong>`)
    expect(ownPage).toContain('<dt>Received</dt>')
    expect(ownPage).toContain(writeAcknowledgement('contact', currentSettings()))
    expect(ownPage).not.toContain('Do you treat sciatica?')
    // Without its token, or with another request's, the page shows the reference alone.
    for (const bare of [`/contact/thanks?ref=${reference}`, `/contact/thanks?ref=${reference}&page=${'0'.repeat(32)}`]) {
      const text = await (await request(bare)).text()
      expect(text).toContain(`<strong>${reference}</strong>`)
      expect(text).not.toContain('See your request')
    }
  })

  it('gives a JSON client its form token, and answers its POST with 201 and the reference', async () => {
    const form = await request('/contact', { headers: { Accept: 'application/json' } })
    expect(form.headers.get('Cache-Control')).toBe('no-store')
    expect(await form.json()).toEqual({ started: expect.stringMatching(/^\d{13}\.[0-9a-f]{64}$/), minimumFillSeconds: 3 })
    // A token fetched a moment ago would be "too fast"; this one is as old as a client that waited.
    const fields = await contactFields({ consent: true })
    const response = await post('/contact', fields, { json: true })
    expect(response.status).toBe(201)
    const { reference } = (await response.json()) as { reference: string }
    expect(reference).toMatch(referencePattern)
    expect(await rowsFor(fields.email as string)).toHaveLength(1)
  })

  it('a thanks page without a valid reference is a 404', async () => {
    expect((await request('/contact/thanks?ref=<script>')).status).toBe(404)
    expect((await request('/book/thanks')).status).toBe(404)
  })
})

describe('POST /book', () => {
  it('stores a request for the exact start chosen when the treatment books by request', async () => {
    const fields = await bookingFields({ patientStatus: 'new' })
    const response = await withSettings(
      'treatments',
      (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, bookingMode: 'request' as const } : item)) }),
      () => post('/book', fields),
    )
    expect(response.status).toBe(303)
    const reference = referenceFrom(response)
    const location = response.headers.get('Location') ?? ''
    expect(location).toMatch(new RegExp(`^/book/thanks\\?ref=${reference}&page=[0-9a-f]{32}$`))
    const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
    expect(row).toMatchObject({
      kind: 'booking',
      bookedVia: 'request',
      phone: '+15035550199',
      serviceId: 'back-pain',
      painType: 'disc',
      patientStatus: 'new',
      notes: 'Pain down the left leg',
      message: null,
    })
    const times = await db().select().from(preferredTimes).where(eq(preferredTimes.requestId, row!.id)).orderBy(preferredTimes.position)
    expect(times.map((t) => [t.position, t.start?.getTime()])).toEqual([[1, Number(fields.start)]])
    const thanks = await (await request(location)).text()
    expect(thanks).toContain('This is a request, not yet a confirmed appointment')
    // What was asked for: the exact start picked, and when an unanswered request expires; never the notes.
    expect(thanks).toContain(`<dt>Your time</dt><dd><ul><li>${formatAppointmentTime(new Date(Number(fields.start)))}</li></ul></dd>`)
    expect(thanks).toContain(`If we have not answered by ${formatInstantWithZone(new Date(row!.createdAt.getTime() + 72 * 3_600_000))}, the request expires`)
    expect(thanks).not.toContain('Pain down the left leg')
    const link = /<a href="(\/manage\/[0-9a-f]{32})">See your request<\/a>/.exec(thanks)?.[1]
    const own = await request(link!)
    expect(own.status).toBe(200)
    expect(await own.text()).toContain('<h1>Your appointment</h1>')
  })
})
