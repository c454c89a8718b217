import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { requests, waitlistEntries } from '../../../../src/features/bookings/store/schema'
import { bookingAt, clinicTime, detailsFor } from '../../../helpers/book'
import { contactFields, db, post } from '../../../helpers/forms'
import { withSettings } from '../../../helpers/settings'
import { at, joinFields, waitlistAt } from './waitlist-clinic'

const storedPhones = async (email: string) => (await db().select().from(requests).where(eq(requests.email, email))).map((row) => row.phone)

const callable = 'Enter a phone number we can call, such as (503) 555-0142'

/** The phone field's inline error on a 422 page, and the value it keeps. */
async function phoneError(response: Response) {
  expect(response.status).toBe(422)
  const html = await response.text()
  return {
    message: /<p id="f-phone-error" class="field-error"><span class="visually-hidden">Error: <\/span>([^<]*)<\/p>/.exec(html)?.[1],
    kept: /<input id="f-phone" name="phone" type="tel"[^>]*value="([^"]*)"/.exec(html)?.[1],
    linked: html.includes('<a href="#f-phone">'),
  }
}

describe('the contact form reads the phone for the clinic’s country and stores it in E.164', () => {
  it.each([
    ['(503) 555-0142', '+15035550142'],
    ['+44 20 7946 0958', '+442079460958'],
    ['503-555-0142 ext. 12', '+15035550142;ext=12'],
  ])('%j is stored as %s', async (typed, stored) => {
    const fields = await contactFields({ phone: typed, preferredContact: 'phone' })
    expect((await post('/contact', fields)).status).toBe(303)
    expect(await storedPhones(fields.email as string)).toEqual([stored])
  })

  it.each([
    ['555 010 0199', callable],
    ['call me', callable],
    ['503 555', 'This phone number is too short: enter every digit, such as (503) 555-0142'],
    ['503 555 0142 999', 'This phone number has too many digits: check it, such as (503) 555-0142'],
  ])('%j is an inline error with the typed value kept, nothing stored', async (typed, message) => {
    const fields = await contactFields({ phone: typed })
    expect(await phoneError(await post('/contact', fields))).toEqual({ message, kept: typed, linked: true })
    expect(await storedPhones(fields.email as string)).toEqual([])
  })

  it('a call back asked for with a number that cannot be read gets one message, about the number', async () => {
    const fields = await contactFields({ phone: '555', preferredContact: 'phone' })
    const response = await post('/contact', fields, { json: true })
    expect(await response.json()).toEqual({ errors: { phone: ['This phone number is too short: enter every digit, such as (503) 555-0142'] } })
  })

  it('a blank phone stays optional when the reply is by email', async () => {
    const fields = await contactFields({ phone: '  ' })
    expect((await post('/contact', fields)).status).toBe(303)
    expect(await storedPhones(fields.email as string)).toEqual([null])
  })

  it('a clinic in the United Kingdom reads a number without + as British', async () => {
    const fields = await contactFields({ phone: '020 7946 0958' })
    const response = await withSettings(
      'practice',
      (value) => ({ ...value, address: { ...value.address, country: 'GB' } }),
      () => post('/contact', fields),
    )
    expect(response.status).toBe(303)
    expect(await storedPhones(fields.email as string)).toEqual(['+442079460958'])
  })

  it('answers a JSON client with 422 and the message for the phone', async () => {
    const fields = await contactFields({ phone: '+44 20 7946' })
    const response = await post('/contact', fields, { json: true })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ errors: { phone: ['This phone number is too short: enter every digit, such as (503) 555-0142'] } })
  })
})

describe('the booking details step reads the phone the same way', () => {
  // Wednesday, April 25, 2074; Tuesday, May 1 at 10:00 is free (no other file books in 2074).
  const clinic = () => bookingAt(clinicTime('2074-04-25', '12:00'))
  const tuesday = clinicTime('2074-05-01', '10:00')

  it('stores the number in E.164', async () => {
    const fields = await detailsFor([tuesday], { phone: '503.555.0177' })
    expect((await clinic().post(fields)).status).toBe(303)
    expect(await storedPhones(fields.email)).toEqual(['+15035550177'])
  })

  it('refuses a number nobody can call with the details step again, the time and the typed number kept', async () => {
    const fields = await detailsFor([tuesday], { phone: '555 010 0177' })
    const response = await clinic().post(fields)
    const html = await response.clone().text()
    expect(html).toContain(`<input type="hidden" name="start" value="${tuesday.getTime()}"/>`)
    expect(await phoneError(response)).toEqual({ message: callable, kept: '555 010 0177', linked: true })
    expect(await storedPhones(fields.email)).toEqual([])
  })
})

describe('joining the waitlist reads the phone the same way', () => {
  const now = at('2074-06-11', '10:00')
  const entriesOf = (email: string) => db().select().from(waitlistEntries).where(eq(waitlistEntries.email, email))

  it('stores the number in E.164', async () => {
    const fields = await joinFields('2074-06-13', { phone: '(503) 555-0166' })
    expect((await waitlistAt(now).post('/waitlist/join', fields)).status).toBe(303)
    expect((await entriesOf(fields.email as string)).map((entry) => entry.phone)).toEqual(['+15035550166'])
  })

  it('refuses a number that cannot be read, the typed value kept', async () => {
    const fields = await joinFields('2074-06-13', { phone: '503 555 01' })
    const response = await waitlistAt(now).post('/waitlist/join', fields)
    expect(await phoneError(response)).toEqual({
      message: 'This phone number is too short: enter every digit, such as (503) 555-0142',
      kept: '503 555 01',
      linked: true,
    })
    expect(await entriesOf(fields.email as string)).toEqual([])
  })
})
