import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { preferredTimes, requests } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
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
    expect(response.headers.get('Location')).toBe(`/contact/thanks?ref=${reference}`)

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
    expect(outbox.map((n) => [n.channel, n.status, n.attempts])).toEqual([['email', 'pending', 0]])

    const thanks = await request(`/contact/thanks?ref=${reference}`)
    expect(thanks.status).toBe(200)
    expect(await thanks.text()).toContain(`<strong>${reference}</strong>`)
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
    expect(response.headers.get('Location')).toBe(`/book/thanks?ref=${reference}`)
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
    const thanks = await (await request(`/book/thanks?ref=${reference}`)).text()
    expect(thanks).toContain('This is a request, not yet a confirmed appointment')
  })
})
