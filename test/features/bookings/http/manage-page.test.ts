import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { transitions } from '../../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { requests } from '../../../../src/features/bookings/store/schema'
import { newSecretToken } from '../../../../src/platform/secret-token'
import { db } from '../../../helpers/forms'
import { request, uniqueClientIp } from '../../../helpers/http'
import { clinicAt, confirm, propose, rowsOf, storeBooking } from '../../../helpers/manage'

// Monday 2027-03-01, 09:00 in the clinic's zone (PST).
const now = new Date('2027-03-01T17:00:00Z')
const day = 86_400_000
const later = (ms: number) => new Date(now.getTime() + ms)

describe('opening the patient’s page', () => {
  it('shows a confirmed appointment in plain words, with only the buttons that apply', async () => {
    const booking = await storeBooking(now)
    await confirm(booking.id, new Date('2027-03-09T17:30:00Z'), now)
    const response = await clinicAt(now).get(`/manage/${booking.token}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain(`<dd>${booking.reference}</dd>`)
    expect(html).toContain('<dt>State</dt><dd>Confirmed</dd>')
    expect(html).toContain('Tuesday, March 9, 2027 at 9:30 AM (Pacific Time)')
    expect(html).not.toContain('America/Los_Angeles')
    expect(html).toContain('Back pain focused session, 60 minutes')
    expect(html).toContain('123 Example Street, Springfield, CA 90000')
    expect(html).toContain('You can cancel here up to 24 hours before; after that, call <a href="tel:+15550100000">+1 555 010 0000</a>.')
    expect(html).toContain('Cancel this appointment')
    expect(html).toContain('Ask for these times')
    expect(html).not.toContain('Choose this time')
  })

  it('offers each proposed time, only cancelling while requested, and nothing once cancelled', async () => {
    const proposed = await storeBooking(now)
    await propose(proposed.id, [later(3 * day), later(4 * day)], now)
    const proposedPage = await (await clinicAt(now).get(`/manage/${proposed.token}`)).text()
    expect(proposedPage.match(/Choose this time/g)).toHaveLength(2)
    expect(proposedPage).toContain('Times offered: please choose one below')
    expect(proposedPage).not.toContain('waiting for the patient')
    expect(proposedPage).toContain('Thursday, March 4, 2027 at 9:00 AM')
    expect(proposedPage).toContain('Ask for these times')
    expect(proposedPage).toContain('Cancel this appointment')

    const requested = await storeBooking(now, { times: [{ date: '2027-03-10', period: 'afternoon' }] })
    const requestedPage = await (await clinicAt(now).get(`/manage/${requested.token}`)).text()
    expect(requestedPage).toContain('Requested: we will reply with a time soon')
    expect(requestedPage).toContain('Wednesday, March 10, 2027, afternoon')
    expect(requestedPage).toContain('Cancel this appointment')
    expect(requestedPage).not.toContain('Ask for these times')
    expect(requestedPage).not.toContain('Choose this time')

    await applyTransition(db(), { id: requested.id, guard: transitions.cancel, actor: 'practitioner', now })
    const cancelledPage = await (await clinicAt(now).get(`/manage/${requested.token}`)).text()
    expect(cancelledPage).toContain('<dd>Cancelled</dd>')
    expect(cancelledPage).not.toMatch(/<form/)
  })

  it('answers one and the same 404 to a wrong, malformed, erased or expired link, a question’s included', async () => {
    const erased = await storeBooking(now)
    await db().delete(requests).where(eq(requests.id, erased.id))
    const ended = await storeBooking(new Date(now.getTime() - 30 * day))
    await confirm(ended.id, new Date(now.getTime() - 15 * day - 3_600_000), new Date(now.getTime() - 30 * day))
    const unanswered = await storeBooking(new Date(now.getTime() - 75 * day))
    const staleProposal = await storeBooking(new Date(now.getTime() - 40 * day))
    await propose(staleProposal.id, [new Date(now.getTime() - 16 * day)], new Date(now.getTime() - 40 * day))
    const contact = await storeBooking(new Date(now.getTime() - 75 * day), { kind: 'contact' })
    const tokens = [
      newSecretToken(),
      'not-a-token',
      newSecretToken().toUpperCase(),
      erased.token,
      ended.token,
      unanswered.token,
      staleProposal.token,
      contact.token,
    ]
    const answers = await Promise.all(
      tokens.map(async (token) => {
        const response = await clinicAt(now).get(`/manage/${token}`)
        return { status: response.status, body: await response.text() }
      }),
    )
    expect(answers.map((answer) => answer.status)).toEqual(tokens.map(() => 404))
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1)
    expect(answers[0]!.body).toContain('This link does not open an appointment.')
    for (const token of tokens) expect(answers[0]!.body).not.toContain(token)
  })

  it('still opens up to 14 days after the appointment, and 74 days after a request with no time', async () => {
    const ended = await storeBooking(new Date(now.getTime() - 30 * day))
    await confirm(ended.id, new Date(now.getTime() - 14 * day - 3_600_000), new Date(now.getTime() - 30 * day))
    const waiting = await storeBooking(new Date(now.getTime() - 74 * day))
    expect((await clinicAt(now).get(`/manage/${ended.token}`)).status).toBe(200)
    expect((await clinicAt(now).get(`/manage/${waiting.token}`)).status).toBe(200)
  })

  it('changes nothing when opened', async () => {
    const booking = await storeBooking(now)
    await confirm(booking.id, later(5 * day), now, [later(4 * day)])
    const before = await rowsOf(booking.id)
    for (const path of [`/manage/${booking.token}`, `/manage/${booking.token}?done=cancelled`, `/manage/${booking.token}/cancel`]) await clinicAt(now).get(path)
    await request(`/manage/${booking.token}`, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })
    expect(await rowsOf(booking.id)).toEqual(before)
    expect(before.outbox.map((row) => `${row.topic}/${row.status}`).sort()).toEqual(['reminder/pending', 'request/pending'])
  })
})

describe('the patient’s page headers', () => {
  it('are never stored, indexed or sent on as a Referer, and keep the site’s CSP', async () => {
    const booking = await storeBooking(new Date())
    const headers = { 'CF-Connecting-IP': uniqueClientIp() }
    for (const path of [`/manage/${booking.token}`, `/manage/${newSecretToken()}`]) {
      const response = await request(path, { headers })
      expect(response.headers.get('Cache-Control')).toBe('no-store')
      expect(response.headers.get('X-Robots-Tag')).toBe('noindex')
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
      expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'self'")
    }
    expect((await request('/about')).headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
  })

  it('are rendered afresh on every view, so a change shows at once', async () => {
    const booking = await storeBooking(new Date())
    const headers = { 'CF-Connecting-IP': uniqueClientIp() }
    expect(await (await request(`/manage/${booking.token}`, { headers })).text()).toContain('Requested: we will reply')
    await applyTransition(db(), { id: booking.id, guard: transitions.decline, actor: 'practitioner', now: new Date() })
    expect(await (await request(`/manage/${booking.token}`, { headers })).text()).toContain('<dd>Not possible: we could not offer a time</dd>')
  })
})
