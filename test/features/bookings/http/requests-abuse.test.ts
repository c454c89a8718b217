import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { requests } from '../../../../src/features/bookings/store/schema'
import { maxBodyBytes } from '../../../../src/platform/guards'
import { referencePattern } from '../../../../src/platform/reference'
import { wrapBinding } from '../../../helpers/bindings'
import { bookingAt, clinicTime, detailsFor } from '../../../helpers/book'
import { contactFields, db, post, postInit, referenceFrom, tokenFor } from '../../../helpers/forms'
import { origin, requestWith, uniqueClientIp } from '../../../helpers/http'

// The bookings here have a fixed clock on Thursday, August 3, 2045 and take times of the week of August 7 (no other file books it).
const now = clinicTime('2045-08-03', '12:00')

const storedCount = async (email: unknown) =>
  (
    await db()
      .select()
      .from(requests)
      .where(eq(requests.email, String(email)))
  ).length

describe('refusals', () => {
  it.each([
    ['another site’s Origin', { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }],
    ['a cross-site Sec-Fetch-Site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a same-site (sibling subdomain) request', { Origin: 'https://shop.clinic.example.com', 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses a form posted from %s with 403', async (_case, headers) => {
    const fields = await contactFields()
    const response = await post('/contact', fields, { headers })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('can only be sent from this website')
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('refuses a form post that carries neither Origin nor Sec-Fetch-Site', async () => {
    const fields = await contactFields()
    const init = postInit(fields)
    const headers = new Headers(init.headers)
    headers.delete('Origin')
    headers.delete('Sec-Fetch-Site')
    const response = await requestWith({}, '/contact', { ...init, headers })
    expect(response.status).toBe(403)
  })

  it('refuses a cross-origin JSON post with 403 in JSON', async () => {
    const fields = await contactFields()
    const response = await post('/contact', fields, { json: true, headers: { Origin: 'https://evil.example' } })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: expect.stringContaining('only be sent from this website') })
  })

  it('refuses other content types with 415', async () => {
    const fields = await contactFields()
    const response = await post('/contact', fields, { headers: { 'Content-Type': 'text/plain' } })
    expect(response.status).toBe(415)
    expect(await response.text()).toContain('Send the form as a web form or as JSON')
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('refuses a body over 32 KB with 413', async () => {
    const fields = await contactFields({ message: 'a'.repeat(maxBodyBytes) })
    const response = await post('/contact', fields)
    expect(response.status).toBe(413)
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('refuses malformed JSON with 400', async () => {
    const init = postInit({}, { json: true })
    const response = await requestWith({}, '/contact', { ...init, body: '{"name": ' })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: 'The request body is not valid JSON.' })
  })
})

describe('rate limits', () => {
  const perClient = 10
  const siteWide = 60
  let run = 0

  /**
   * The real form limiters, every key prefixed with one of this test's own, so
   * each test starts from nothing and never spends the allowance the other
   * tests of this file share.
   */
  function ownLimiters(): Partial<Env> {
    const prefix = `abuse-${++run}|`
    const prefixed = (limiter: RateLimit) => wrapBinding(limiter, { limit: (options) => limiter.limit({ ...options, key: prefix + options.key }) })
    return { FORM_RATE_LIMITER: prefixed(env.FORM_RATE_LIMITER), FORM_SITE_RATE_LIMITER: prefixed(env.FORM_SITE_RATE_LIMITER) }
  }

  /**
   * Posts the contact form (invalid, so nothing is stored) from `clientFor(attempt)`
   * until a 429. The local limiter's windows are whole wall-clock minutes, so a run
   * crossing one can pass up to twice the limit: `2 × limit + 1` attempts always
   * meet a 429 when the limit holds, and never fewer than `limit` get through first.
   */
  async function postUntilRefused(limiters: Partial<Env>, clientFor: (attempt: number) => string, attempts: number) {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const response = await requestWith(limiters, '/contact', postInit(await contactFields({ name: '' }), { clientIp: clientFor(attempt) }))
      if (response.status === 429) return { passed: attempt, refusal: response }
      expect(response.status).toBe(422)
    }
    return { passed: attempts, refusal: undefined }
  }

  it('limits each client to 10 submissions a minute per form, then answers 429 with Retry-After', async () => {
    const limiters = ownLimiters()
    const clientIp = uniqueClientIp()
    const { passed, refusal } = await postUntilRefused(limiters, () => clientIp, 2 * perClient + 1)
    expect(refusal?.status).toBe(429)
    expect(passed).toBeGreaterThanOrEqual(perClient)
    expect(passed).toBeLessThanOrEqual(2 * perClient)
    expect(refusal!.headers.get('Retry-After')).toBe('60')
    expect(await refusal!.text()).toContain('Please wait a minute and try again, or call us')
    // The limit is per form: the same client may still ask for a booking.
    expect((await bookingAt(now, limiters).post(await detailsFor([clinicTime('2045-08-07', '09:00')]), { clientIp })).status).toBe(303)
  })

  it('counts every address of one IPv6 /64 as one client', async () => {
    // One post from each address: were each address its own client, none would reach its limit.
    const { passed, refusal } = await postUntilRefused(ownLimiters(), (attempt) => `2001:db8:5:64:${attempt.toString(16)}::1`, 2 * perClient + 1)
    expect(refusal?.status).toBe(429)
    expect(passed).toBeLessThanOrEqual(2 * perClient)
  })

  it('gives another /64, even in the same /48, its own allowance', async () => {
    const limiters = ownLimiters()
    const { refusal } = await postUntilRefused(limiters, () => '2001:db8:6:1::1', 2 * perClient + 1)
    expect(refusal?.status).toBe(429)
    const neighbour = await requestWith(limiters, '/contact', postInit(await contactFields({ name: '' }), { clientIp: '2001:db8:6:2::1' }))
    expect(neighbour.status).toBe(422)
  })

  it('limits the whole site to 60 submissions a minute per form, however many clients send them', async () => {
    const limiters = ownLimiters()
    const { passed, refusal } = await postUntilRefused(limiters, (attempt) => `2001:db8:7:${attempt.toString(16)}::1`, 2 * siteWide + 1)
    expect(refusal?.status).toBe(429)
    expect(passed).toBeGreaterThanOrEqual(siteWide)
    expect(passed).toBeLessThanOrEqual(2 * siteWide)
    expect(refusal!.headers.get('Retry-After')).toBe('60')
    const page = await refusal!.text()
    expect(page).toContain('Please wait a minute and try again, or call us on')
    expect(page).toContain(defaultPractice.phone)
    // Each form has its own site-wide allowance.
    expect((await bookingAt(now, limiters).post(await detailsFor([clinicTime('2045-08-07', '11:00')]))).status).toBe(303)
  })

  it('checks the client’s own limit first, so one client’s refused posts leave the site’s allowance to others', async () => {
    const limiters = ownLimiters()
    const refusals = new Set<string>()
    // Enough to spend the site's allowance twice over, were refused posts counted against it.
    for (let attempt = 0; attempt <= 2 * siteWide; attempt++) {
      const response = await requestWith(limiters, '/contact', postInit(await contactFields({ name: '' }), { clientIp: '198.51.100.99', json: true }))
      if (response.status === 429) refusals.add(((await response.json()) as { error: string }).error)
    }
    expect([...refusals]).toEqual([expect.stringContaining('You have sent this form several times')])
    const other = await requestWith(limiters, '/contact', postInit(await contactFields({ name: '' }), { clientIp: '198.51.100.100' }))
    expect(other.status).toBe(422)
  })
})

describe('bot traps', () => {
  it('answers a filled honeypot like a success but stores nothing', async () => {
    const fields = await contactFields({ website: 'http://spam.example' })
    const response = await post('/contact', fields)
    expect(response.status).toBe(303)
    expect(referenceFrom(response)).toMatch(referencePattern)
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('answers a form sent within seconds of rendering like a success but stores nothing', async () => {
    const fields = await contactFields({ started: await tokenFor('contact', 500) })
    const response = await post('/contact', fields)
    expect(response.status).toBe(303)
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('asks to send again when the form token is forged, keeping what was typed', async () => {
    const [issuedAt] = (await tokenFor('contact')).split('.')
    const fields = await contactFields({ started: `${issuedAt}.${'0'.repeat(64)}`, message: 'Still here' })
    const response = await post('/contact', fields)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('This form could not be checked')
    expect(html).toContain('Still here</textarea>')
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('treats any honeypot value as a bot, not only text', async () => {
    const fields = await contactFields({ website: true })
    const response = await post('/contact', fields, { json: true })
    expect(response.status).toBe(201)
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('asks a JSON client without a form token to fetch one, and stores nothing', async () => {
    const { started: _omitted, ...fields } = await contactFields()
    const response = await post('/contact', fields, { json: true })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ errors: { form: [expect.stringContaining('could not be checked')] } })
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('refuses a token older than a day', async () => {
    const fields = await contactFields({ started: await tokenFor('contact', 25 * 60 * 60 * 1000) })
    expect((await post('/contact', fields)).status).toBe(422)
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('stores the request when the patient sends the re-shown form straight back', async () => {
    const [issuedAt] = (await tokenFor('contact')).split('.')
    const fields = await contactFields({ started: `${issuedAt}.${'0'.repeat(64)}` })
    const html = await (await post('/contact', fields)).text()
    const fresh = /name="started" value="([^"]+)"/.exec(html)?.[1]
    const again = await post('/contact', { ...fields, started: fresh! })
    expect(again.status).toBe(303)
    expect(await storedCount(fields.email)).toBe(1)
  })

  it('does not accept a contact token on the booking form', async () => {
    const fields = await detailsFor([clinicTime('2045-08-07', '14:00')], { started: await tokenFor('contact') })
    const response = await post('/book', fields)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('This form could not be checked')
    expect(await storedCount(fields.email)).toBe(0)
  })
})

describe('Turnstile', () => {
  afterEach(() => vi.restoreAllMocks())

  /** What siteverify says of a genuine token solved on this site's contact form. */
  const genuine = { success: true, 'error-codes': [], hostname: new URL(origin).hostname, action: 'contact' }

  /** Intercepts only the siteverify call, answering `outcome`; anything else goes to the real fetch. */
  function interceptSiteverify(outcome: Record<string, unknown>) {
    const realFetch = globalThis.fetch
    const calls: FormData[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (!url.startsWith('https://challenges.cloudflare.com/turnstile/v0/siteverify')) return realFetch(input, init)
      calls.push(init?.body as FormData)
      return Response.json(outcome)
    })
    return calls
  }

  const withTurnstile = { TURNSTILE_SECRET_KEY: 'turnstile-secret', TURNSTILE_SITE_KEY: 'site-key' }

  it('stores the request when siteverify accepts the token, sending the secret and client IP', async () => {
    const calls = interceptSiteverify(genuine)
    const fields = await contactFields({ 'cf-turnstile-response': 'widget-token' })
    const response = await requestWith(withTurnstile, '/contact', postInit(fields, { clientIp: '198.51.100.7' }))
    expect(response.status).toBe(303)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.get('secret')).toBe('turnstile-secret')
    expect(calls[0]!.get('response')).toBe('widget-token')
    expect(calls[0]!.get('remoteip')).toBe('198.51.100.7')
    expect(await storedCount(fields.email)).toBe(1)
  })

  it.each([
    ['refuses the token', { success: false, 'error-codes': ['invalid-input-response'] }],
    ['says the token was solved on another site', { ...genuine, hostname: 'copycat.example' }],
    ['names no hostname', { ...genuine, hostname: undefined }],
    ['says the token was solved on another form', { ...genuine, action: 'booking' }],
  ])('answers 422 with a message and stores nothing when siteverify %s', async (_case, outcome) => {
    interceptSiteverify(outcome)
    const fields = await contactFields({ 'cf-turnstile-response': 'widget-token' })
    const response = await requestWith(withTurnstile, '/contact', postInit(fields))
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Complete the security check')
    expect(await storedCount(fields.email)).toBe(0)
  })

  it('expects each form’s own action, and accepts a widget that reported none', async () => {
    interceptSiteverify({ ...genuine, action: 'booking' })
    const booking = await detailsFor([clinicTime('2045-08-08', '09:00')], { 'cf-turnstile-response': 'widget-token' })
    expect((await bookingAt(now, withTurnstile).post(booking)).status).toBe(303)
    vi.restoreAllMocks()
    interceptSiteverify({ ...genuine, action: '' })
    const contact = await contactFields({ 'cf-turnstile-response': 'widget-token' })
    expect((await requestWith(withTurnstile, '/contact', postInit(contact))).status).toBe(303)
  })

  it('stays off unless both keys are set, so a half configuration never blocks patients', async () => {
    const fields = await contactFields()
    const response = await requestWith({ TURNSTILE_SECRET_KEY: 'turnstile-secret', TURNSTILE_SITE_KEY: '' }, '/contact', postInit(fields))
    expect(response.status).toBe(303)
    expect(await storedCount(fields.email)).toBe(1)
    const page = await requestWith({ TURNSTILE_SECRET_KEY: '', TURNSTILE_SITE_KEY: 'site-key' }, '/contact')
    expect(await page.text()).not.toContain('cf-turnstile')
  })

  it('renders the widget and allows its script only when configured', async () => {
    const page = await requestWith(withTurnstile, '/contact')
    const html = await page.text()
    expect(html).toContain('<div class="cf-turnstile" data-sitekey="site-key" data-action="contact"')
    const details = `/book/details?treatment=back-pain&start=${clinicTime('2045-08-08', '11:00').getTime()}`
    expect(await (await bookingAt(now, withTurnstile).get(details)).text()).toContain('data-action="booking"')
    expect(html).toContain('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"')
    expect(page.headers.get('Content-Security-Policy')).toContain('script-src https://challenges.cloudflare.com')
    const plain = await requestWith({}, '/contact')
    expect(await plain.text()).not.toContain('cf-turnstile')
    expect(plain.headers.get('Content-Security-Policy')).toContain("script-src 'none'")
  })
})
