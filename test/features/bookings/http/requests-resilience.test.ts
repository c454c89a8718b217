import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { preferredTimes, requests } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { recordingQueue, wrapBinding } from '../../../helpers/bindings'
import { bookingAt, clinicTime, detailsFor } from '../../../helpers/book'
import { contactFields, db, post, postInit, referenceFrom, tokenFor } from '../../../helpers/forms'
import { requestWith } from '../../../helpers/http'
import { withSettings } from '../../../helpers/settings'

const rowsFor = (email: unknown) =>
  db()
    .select()
    .from(requests)
    .where(eq(requests.email, String(email)))

/** The real D1 binding, except that writes fail as they do when D1 is unavailable. */
const d1ThatCannotWrite = (): D1Database => {
  const unavailable = () => Promise.reject(new Error('D1_ERROR: Network connection lost.'))
  return wrapBinding(env.DB, { batch: unavailable, exec: unavailable })
}

/** The real queue binding, except that sends fail. */
const queueThatRejects = (): Queue => {
  const rejected = () => Promise.reject(new Error('Queue send failed: internal error'))
  return wrapBinding(env.NOTIFY_QUEUE, { send: rejected, sendBatch: rejected })
}

// A fixed clock on Thursday, June 29, 2045; the bookings take times of the week of July 3 (no other file books it).
const now = clinicTime('2045-06-29', '12:00')
const asRequest = <T>(run: () => Promise<T>) =>
  withSettings(
    'treatments',
    (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, bookingMode: 'request' as const } : item)) }),
    run,
  )

describe('stored once', () => {
  it('a repeat of the same request returns the same reference and stores nothing new', async () => {
    const fields = await detailsFor([clinicTime('2045-07-03', '09:00'), clinicTime('2045-07-03', '11:00')])
    const clinic = bookingAt(now)
    const [first, second] = await asRequest(async () => [await clinic.post(fields), await clinic.post({ ...fields, started: fields.started })])
    expect(second!.status).toBe(303)
    expect(referenceFrom(second!)).toBe(referenceFrom(first!))
    const rows = await rowsFor(fields.email)
    expect(rows).toHaveLength(1)
    expect(await db().select().from(preferredTimes).where(eq(preferredTimes.requestId, rows[0]!.id))).toHaveLength(2)
    // The practitioner's email and the patient's acknowledgement, once.
    expect(await db().select().from(notifications).where(eq(notifications.requestId, rows[0]!.id))).toHaveLength(2)
  })

  it('a repeat of the same direct booking opens the same page and stores nothing new', async () => {
    const fields = await detailsFor([clinicTime('2045-07-04', '09:00')])
    const clinic = bookingAt(now)
    const first = await clinic.post(fields)
    const [row] = await rowsFor(fields.email)
    const outbox = await db().select().from(notifications).where(eq(notifications.requestId, row!.id))
    const second = await clinic.post(fields)
    expect(second.status).toBe(303)
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(await rowsFor(fields.email)).toHaveLength(1)
    expect(await db().select().from(notifications).where(eq(notifications.requestId, row!.id))).toHaveLength(outbox.length)
  })

  it('a duplicate submission enqueues nothing', async () => {
    const fields = await detailsFor([clinicTime('2045-07-05', '09:00')])
    const first = recordingQueue()
    const stored = await bookingAt(now, { NOTIFY_QUEUE: first.binding }).post(fields)
    const [row] = await rowsFor(fields.email)
    const outbox = await db().select().from(notifications).where(eq(notifications.requestId, row!.id))
    // The reminder waits in the outbox for its time; the rest is handed to the queue at once.
    const handed = outbox.filter((notification) => notification.topic !== 'reminder')
    expect(handed).toHaveLength(2)
    expect(first.enqueued.sort()).toEqual(handed.map((notification) => notification.id).sort())
    const second = recordingQueue()
    const repeat = await bookingAt(now, { NOTIFY_QUEUE: second.binding }).post(fields)
    expect(repeat.status).toBe(303)
    expect(repeat.headers.get('Location')).toBe(stored.headers.get('Location'))
    expect(second.enqueued).toEqual([])
  })

  it('two identical submissions racing each other store one request', async () => {
    const fields = await contactFields()
    const responses = await Promise.all([post('/contact', fields), post('/contact', fields), post('/contact', fields)])
    const references = new Set(responses.map(referenceFrom))
    expect(references.size).toBe(1)
    expect(await rowsFor(fields.email)).toHaveLength(1)
  })

  it('a different message from the same patient is a new request', async () => {
    const fields = await contactFields()
    const first = referenceFrom(await post('/contact', fields))
    const second = referenceFrom(await post('/contact', { ...fields, message: 'And one more question' }))
    expect(second).not.toBe(first)
    expect(await rowsFor(fields.email)).toHaveLength(2)
  })

  it('the same request after the duplicate window is stored again', async () => {
    const fields = await contactFields()
    const first = referenceFrom(await post('/contact', fields))
    await db()
      .update(requests)
      .set({ createdAt: new Date(Date.now() - 11 * 60 * 1000) })
      .where(eq(requests.reference, first))
    const second = referenceFrom(await post('/contact', fields))
    expect(second).not.toBe(first)
    expect(await rowsFor(fields.email)).toHaveLength(2)
  })
})

describe('never lost', () => {
  it('when D1 is down the patient gets 503 with the form still filled and a phone number; nothing is written', async () => {
    const fields = await detailsFor([clinicTime('2045-07-06', '09:00')], { notes: 'Keep this text' })
    const response = await bookingAt(now, { DB: d1ThatCannotWrite() }).post(fields)
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('120')
    const html = await response.text()
    expect(html).toContain('We could not save your booking just now, and nothing was stored.')
    expect(html).toContain(`<input type="hidden" name="start" value="${clinicTime('2045-07-06', '09:00').getTime()}"/>`)
    expect(html).toContain('href="tel:+15550100000"')
    expect(html).toContain(`value="${fields.email}"`)
    expect(html).toContain('Keep this text</textarea>')
    expect(await rowsFor(fields.email)).toHaveLength(0)
  })

  it('when D1 is down a JSON client gets 503 with a message', async () => {
    const fields = await contactFields()
    const response = await requestWith({ DB: d1ThatCannotWrite() }, '/contact', postInit(fields, { json: true }))
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ error: expect.stringContaining('nothing was stored') })
  })

  it('a batch that fails part-way leaves no half-written request behind', async () => {
    const email = `half.${crypto.randomUUID()}@example.org`
    const { storeRequest } = await import('../../../../src/features/bookings/store/requests')
    // The second preferred time breaks a NOT NULL constraint after the request row was inserted.
    const broken = { date: null as unknown as string, period: 'morning' as const }
    await expect(
      storeRequest(db(), {
        request: { kind: 'booking', name: 'Half Written', email },
        preferredTimes: [{ date: '2030-01-07', period: 'morning' }, broken],
        channels: ['email'],
        dedupeKey: `key-${crypto.randomUUID()}`,
        now: new Date(),
      }),
    ).rejects.toThrow(/NOT NULL/)
    expect(await rowsFor(email)).toHaveLength(0)
    expect(await db().select().from(preferredTimes).where(eq(preferredTimes.date, '2030-01-07'))).toHaveLength(0)
  })

  it('when the queue cannot take the message the patient still gets the receipt and the outbox stays pending', async () => {
    const fields = await contactFields()
    const response = await requestWith({ NOTIFY_QUEUE: queueThatRejects() }, '/contact', postInit(fields))
    expect(response.status).toBe(303)
    const [row] = await rowsFor(fields.email)
    expect(row!.reference).toBe(referenceFrom(response))
    const outbox = await db()
      .select()
      .from(notifications)
      .where(inArray(notifications.requestId, [row!.id]))
    expect(outbox.map((n) => n.status)).toEqual(['pending', 'pending'])
  })
})

describe('any body at all', () => {
  const fieldNames = [
    'name',
    'email',
    'phone',
    'preferredContact',
    'message',
    'consent',
    'treatment',
    'start',
    'week',
    'pain',
    'patientStatus',
    'notes',
    'heardFrom',
    'sourceArticle',
    'started',
    'website',
    'cf-turnstile-response',
    '__proto__',
    'constructor',
  ]
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      'yes',
      'returning',
      'back-pain',
      '2027-02-30',
      '9999-99-99',
      '2381241600000',
      '99999999999999999',
      '-60000',
      'a@b.c',
      '\r\n',
      '<script>',
    ),
    fc.string({ unit: 'binary', maxLength: 20 }),
  )
  const body = fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 12 })), fc.oneof(value, fc.array(value, { maxLength: 3 })), {
    maxKeys: 14,
  })

  it('never produces a server error on either form, as a form post or JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/contact', '/book'), body, fc.boolean(), fc.boolean(), async (path, fields, json, signed) => {
        // A valid token half the time, so bodies reach validation rather than stopping at the bot trap.
        if (signed) fields.started = await tokenFor(path === '/book' ? 'booking' : 'contact')
        const response = await post(path, fields, { json })
        await response.arrayBuffer()
        expect(response.status).toBeLessThan(500)
      }),
      { numRuns: 150 },
    )
  })

  it('never produces a server error for arbitrary raw bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/contact', '/book'),
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json'),
        async (path, bytes, type) => {
          const init = postInit({})
          const response = await requestWith({}, path, { ...init, headers: { ...(init.headers as Record<string, string>), 'Content-Type': type }, body: bytes })
          await response.arrayBuffer()
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 100 },
    )
  })
})
