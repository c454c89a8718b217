import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { requests } from '../../../../src/features/bookings/store/schema'
import { bookingAt, clinicTime, detailsFor } from '../../../helpers/book'
import { contactFields, db, post, tokenFor } from '../../../helpers/forms'
import { withSettings } from '../../../helpers/settings'

const storedCount = async (email: string) => (await db().select().from(requests).where(eq(requests.email, email))).length

/** Asserts a 422 page that marks `field` invalid, shows `message` beside it, links it from the summary and keeps `kept`. */
async function expectFieldError(response: Response, field: string, message: string | RegExp, kept: string[] = []) {
  expect(response.status).toBe(422)
  const html = await response.text()
  expect(html).toContain('<h2 id="error-summary-title">There is a problem</h2>')
  expect(html).toContain('<title>Error: ')
  const fieldError = new RegExp(`<p id="f-${field}-error" class="field-error"><span class="visually-hidden">Error: </span>([^<]*)</p>`).exec(html)
  expect(fieldError?.[1]).toMatch(message)
  // A control carries both attributes; a radio group's error describes its fieldset and each radio is marked invalid.
  const control = new RegExp(`id="f-${field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*f-${field}-error`)
  const radioGroup = new RegExp(
    `<fieldset[^>]*aria-describedby="[^"]*f-${field}-error[^>]*>(?:(?!</fieldset>)[\\s\\S])*id="f-${field}-[^"]+"[^>]*aria-invalid="true"`,
  )
  expect(
    [control, radioGroup].some((pattern) => pattern.test(html)),
    'marked invalid and described by its error',
  ).toBe(true)
  expect(html).not.toMatch(/<fieldset[^>]*aria-invalid/)
  expect(html).toMatch(new RegExp(`<a href="#f-${field}[^"]*">`))
  for (const value of kept) expect(html).toContain(value)
}

describe('contact form validation', () => {
  it.each([
    ['name', { name: '   ' }, 'Enter your name'],
    ['name', { name: 'x'.repeat(101) }, 'Name must be 100 characters or fewer'],
    ['email', { email: 'not-an-email' }, 'Enter an email address in the correct format'],
    ['phone', { phone: 'call me' }, 'Enter a phone number'],
    ['phone', { preferredContact: 'phone', phone: '' }, 'Enter a phone number so we can call you back'],
    ['preferredContact', { preferredContact: 'pigeon' }, 'Choose how you would like us to reply'],
    ['message', { message: '' }, 'Enter your question or message'],
    ['message', { message: 'm'.repeat(5001) }, 'Message must be 5,000 characters or fewer'],
    ['consent', { consent: '' }, 'Agree to the privacy notice'],
  ])('%s: %j is refused with a message beside the field', async (field, override, message) => {
    const fields = await contactFields(override)
    const response = await post('/contact', fields)
    await expectFieldError(response, field, message, [`value="${fields.email}"`])
    expect(await storedCount(fields.email as string)).toBe(0)
  })

  it('keeps everything typed, including the message, after an error', async () => {
    const fields = await contactFields({ email: 'broken@', message: 'My <back> & "hip" hurt' })
    const html = await (await post('/contact', fields)).text()
    expect(html).toContain('value="broken@"')
    expect(html).toContain('My &lt;back&gt; &amp; &quot;hip&quot; hurt</textarea>')
    expect(html).toMatch(/<input id="f-preferredContact-email" type="radio" name="preferredContact" value="email" checked/)
  })

  it('refuses a field sent twice instead of guessing which one was meant', async () => {
    const fields = await contactFields({ name: ['Jamie', 'Robin'] })
    await expectFieldError(await post('/contact', fields), 'name', 'Enter your name')
    expect(await storedCount(fields.email as string)).toBe(0)
  })

  it('answers a JSON client with 422 and messages per field', async () => {
    const started = await tokenFor('contact')
    const response = await post('/contact', { name: '', email: 'nope', preferredContact: 'email', message: 'Hi', consent: false, started }, { json: true })
    expect(response.status).toBe(422)
    const { errors } = (await response.json()) as { errors: Record<string, string[]> }
    expect(Object.keys(errors).sort()).toEqual(['consent', 'email', 'name'])
    expect(errors.email).toEqual(['Enter an email address in the correct format, like name@example.com'])
  })
})

describe('booking form validation', () => {
  // A fixed clock on Wednesday, April 26, 2045; the times are in the week of May 1 (no other file books that week).
  const clinic = () => bookingAt(clinicTime('2045-04-26', '12:00'))
  const tuesday = clinicTime('2045-05-02', '10:00')
  const kept = (fields: { email: string }) => [`value="${fields.email}"`, 'value="Robin Patient"']

  it.each([
    ['pain', { pain: '' }, 'Choose what the pain is like'],
    ['patientStatus', { patientStatus: 'maybe' }, 'Tell us whether you are a new or returning patient'],
    ['phone', { phone: '' }, 'Enter a phone number'],
    ['notes', { notes: 'n'.repeat(2001) }, 'Notes must be 2,000 characters or fewer'],
  ])('%s: %j is refused on the details step, with a message beside the field', async (field, override, message) => {
    const fields = await detailsFor([tuesday], override)
    const response = await clinic().post(fields)
    const html = await response.clone().text()
    expect(html).toContain(`<input type="hidden" name="start" value="${tuesday.getTime()}"/>`)
    await expectFieldError(response, field, message, kept(fields))
    expect(await storedCount(fields.email)).toBe(0)
  })

  it.each([
    ['no time', { start: '' }, 'Choose a time from the list'],
    ['a time that is no number', { start: 'nine' }, 'That is not one of the times offered. Choose a time from the list'],
    ['a time off the half-hour grid', { start: String(clinicTime('2045-05-02', '09:10').getTime()) }, 'That is not one of the times offered'],
    ['a Sunday, when the clinic is closed', { start: String(clinicTime('2045-05-07', '10:00').getTime()) }, 'That is not one of the times offered'],
    ['a Saturday afternoon', { start: String(clinicTime('2045-05-06', '14:00').getTime()) }, 'That is not one of the times offered'],
  ])('%s is refused on the week, with a message beside the times and the details kept', async (_case, override, message) => {
    const fields = await detailsFor([tuesday], override)
    await expectFieldError(await clinic().post(fields), 'start', message, kept(fields))
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('refuses a start on a day the practitioner has taken off, or beyond the horizon, as no longer free', async () => {
    const closed = await detailsFor([clinicTime('2045-05-05', '10:00')])
    const response = await withSettings(
      'time-off',
      (value) => ({ entries: [...value.entries, { from: '2045-05-05', to: '2045-05-05', note: '' }] }),
      async () => clinic().post(closed, { json: true }),
    )
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: 'That time was just taken. Choose another time: your details are kept.', week: '2045-05-01' })
    const beyond = await detailsFor([clinicTime('2045-07-04', '10:00')])
    expect((await clinic().post(beyond)).status).toBe(409)
    expect(await storedCount(closed.email)).toBe(0)
    expect(await storedCount(beyond.email)).toBe(0)
  })

  it('reports every problem at once, the time beside the other fields', async () => {
    const fields = await detailsFor([tuesday], { email: 'nope', treatment: '', start: '' })
    const response = await clinic().post(fields, { json: true })
    const { errors } = (await response.json()) as { errors: Record<string, string[]> }
    expect(Object.keys(errors).sort()).toEqual(['email', 'start', 'treatment'])
    expect(errors.treatment).toEqual(['Choose a treatment'])
  })

  it('answers an unknown treatment with the list of treatments and its message, storing nothing', async () => {
    const fields = await detailsFor([tuesday], { treatment: 'surgery' })
    const response = await clinic().post(fields)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('<p>Choose a treatment</p>')
    expect(html).toContain('<a href="/book?treatment=back-pain">Back pain focused session</a>')
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('refuses the same time chosen twice', async () => {
    const fields = await detailsFor([tuesday, tuesday])
    await expectFieldError(await clinic().post(fields), 'start', 'You have chosen the same time twice', kept(fields))
  })

  it('accepts three times, one on a Saturday morning, for a treatment booked by request', async () => {
    const starts = [clinicTime('2045-05-03', '10:00'), clinicTime('2045-05-04', '15:00'), clinicTime('2045-05-06', '09:00')]
    const fields = await detailsFor(starts)
    const response = await withSettings(
      'treatments',
      (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, bookingMode: 'request' as const } : item)) }),
      async () => clinic().post(fields),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/book\/thanks\?ref=/)
    expect(await storedCount(fields.email)).toBe(1)
  })

  it('refuses a start the 90-minute initial consultation cannot finish before closing, and takes it for an hour-long session', async () => {
    const evening = clinicTime('2045-05-02', '17:00')
    const initial = await detailsFor([evening], { treatment: 'initial' })
    await expectFieldError(await clinic().post(initial), 'start', 'That is not one of the times offered', kept(initial))
    expect(await storedCount(initial.email)).toBe(0)
    const backPain = await detailsFor([evening])
    expect((await clinic().post(backPain)).status).toBe(303)
    expect(await storedCount(backPain.email)).toBe(1)
  })
})
