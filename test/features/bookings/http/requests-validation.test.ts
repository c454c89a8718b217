import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { defaultClosedDates, defaultPractice } from '../../../../src/config'
import { requests } from '../../../../src/features/bookings/store/schema'
import { addDays, weekdayOf, zonedDate } from '../../../../src/platform/time-zone'
import { bookingFields, contactFields, db, openWeekday, post, tokenFor } from '../../../helpers/forms'

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
  const today = zonedDate(new Date(), defaultPractice.timeZone)
  const nextWeekday = (day: 'Sa' | 'Su') => {
    let date = addDays(today, 7)
    while (weekdayOf(date) !== day) date = addDays(date, 1)
    return date
  }

  it.each([
    ['service', { service: 'surgery' }, 'Choose a treatment'],
    ['pain', { pain: '' }, 'Choose what the pain is like'],
    ['patientStatus', { patientStatus: 'maybe' }, 'Tell us whether you are a new or returning patient'],
    ['phone', { phone: '' }, 'Enter a phone number'],
    ['date1', { date1: '', period1: '' }, 'Choose at least one preferred date'],
    ['date1', { date1: '2027-02-30' }, 'Enter a real date'],
    ['date1', { date1: addDays(today, -1) }, /at least 24 hours from now/],
    ['date1', { date1: today }, /at least 24 hours from now/],
    ['date1', { date1: addDays(today, defaultPractice.booking.horizonDays + 7) }, /within the next 60 days/],
    ['date1', { date1: nextWeekday('Su') }, /not open in the morning/],
    ['date1', { date1: nextWeekday('Sa'), period1: 'evening' }, /not open in the evening/],
    ['period1', { period1: 'midnight' }, 'Choose morning, afternoon or evening'],
    ['period2', { period2: '' }, 'Choose morning, afternoon or evening'],
    ['date2', { date2: '' }, 'Choose a date for this time'],
    ['notes', { notes: 'n'.repeat(2001) }, 'Notes must be 2,000 characters or fewer'],
  ])('%s: %j is refused with a message beside the field', async (field, override, message) => {
    const fields = await bookingFields(override)
    await expectFieldError(await post('/book', fields), field, message, [`value="${fields.email}"`, 'value="Robin Patient"'])
    expect(await storedCount(fields.email as string)).toBe(0)
  })

  it('refuses a closed date of the starting settings', async () => {
    const closed = defaultClosedDates[0]!
    const fields = await bookingFields({ date1: closed })
    const response = await post('/book', fields)
    expect(response.status).toBe(422)
    const { errors } = (await (await post('/book', fields, { json: true })).json()) as { errors: Record<string, string[]> }
    // A closed date in the past or far future is refused for that reason; the closure is checked first.
    expect(errors.date1?.[0]).toMatch(/closed on that date/)
  })

  it('reports every problem at once, the preferred times beside the other fields', async () => {
    const fields = await bookingFields({ email: 'nope', service: '', date1: '', period1: '' })
    const response = await post('/book', fields, { json: true })
    const { errors } = (await response.json()) as { errors: Record<string, string[]> }
    expect(Object.keys(errors).sort()).toEqual(['date1', 'email', 'service'])
  })

  it('refuses the same time chosen twice', async () => {
    const date = openWeekday(9)
    const fields = await bookingFields({ date1: date, period1: 'morning', date2: date, period2: 'morning' })
    await expectFieldError(await post('/book', fields), 'date2', 'You have already chosen this time')
  })

  it('accepts a third choice and a Saturday morning', async () => {
    const fields = await bookingFields({ date3: nextWeekday('Sa'), period3: 'morning' })
    expect((await post('/book', fields)).status).toBe(303)
    expect(await storedCount(fields.email as string)).toBe(1)
  })

  it('refuses a weekday evening for the 90-minute initial consultation, and accepts it for an hour-long session', async () => {
    const evening = { date1: openWeekday(9), period1: 'evening' }
    const initial = await bookingFields({ ...evening, service: 'initial' })
    await expectFieldError(
      await post('/book', initial),
      'date1',
      'The clinic is not open long enough in the evening that day for a 90-minute Initial consultation and treatment. Choose another day or time of day',
    )
    expect(await storedCount(initial.email as string)).toBe(0)
    const backPain = await bookingFields({ ...evening, service: 'back-pain' })
    expect((await post('/book', backPain)).status).toBe(303)
    expect(await storedCount(backPain.email as string)).toBe(1)
  })
})
