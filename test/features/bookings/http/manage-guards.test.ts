import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { wrapBinding } from '../../../helpers/bindings'
import { postInit } from '../../../helpers/forms'
import { requestWith, uniqueClientIp } from '../../../helpers/http'
import { pageTokenIn, rowsOf, storeBooking } from '../../../helpers/manage'

// Through the whole Worker, on the real clock: nothing here depends on a date.
const pageOf = async (token: string) =>
  pageTokenIn(await (await requestWith({}, `/manage/${token}`, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })).text())

let run = 0
/** The real limiter with every key prefixed by this test's own, so no test spends another's allowance. */
function ownLimiter(): Partial<Env> {
  const prefix = `manage-${++run}|`
  const prefixed = (limiter: RateLimit) => wrapBinding(limiter, { limit: (options) => limiter.limit({ ...options, key: prefix + options.key }) })
  return { MANAGE_RATE_LIMITER: prefixed(env.MANAGE_RATE_LIMITER), MANAGE_SITE_RATE_LIMITER: prefixed(env.MANAGE_SITE_RATE_LIMITER) }
}

describe('the patient’s page buttons', () => {
  it('refuse with 403 a post from another site, or with neither Origin nor Sec-Fetch-Site', async () => {
    const booking = await storeBooking(new Date())
    const pageToken = await pageOf(booking.token)
    const before = await rowsOf(booking.id)
    for (const headers of [
      { Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: '', 'Sec-Fetch-Site': '' },
    ]) {
      const init = postInit({ pageToken }, { headers })
      const bare = new Headers(init.headers)
      for (const [name, value] of Object.entries(headers)) if (value === '') bare.delete(name)
      const response = await requestWith({}, `/manage/${booking.token}/cancel`, { ...init, headers: bare })
      expect(response.status).toBe(403)
      expect(await response.text()).toContain('This form can only be sent from this website.')
    }
    expect(await rowsOf(booking.id)).toEqual(before)
  })

  it('accept a same-origin post that carries `Origin: null`, as browsers send from a no-referrer page, and refuse it from anywhere else', async () => {
    const booking = await storeBooking(new Date())
    const pageToken = await pageOf(booking.token)
    const post = (headers: Record<string, string>) => {
      const init = postInit({ pageToken }, { headers })
      const sent = new Headers(init.headers)
      if (!('Sec-Fetch-Site' in headers)) sent.delete('Sec-Fetch-Site')
      return requestWith({}, `/manage/${booking.token}/cancel`, { ...init, headers: sent })
    }
    for (const refused of [{ Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null', 'Sec-Fetch-Site': 'same-site' }, { Origin: 'null' }] as Record<
      string,
      string
    >[]) {
      expect((await post(refused)).status, JSON.stringify(refused)).toBe(403)
    }
    expect((await rowsOf(booking.id)).request.appointmentState).toBe('requested')
    expect((await post({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303)
    expect((await rowsOf(booking.id)).request.appointmentState).toBe('cancelled')
  })

  it('refuse with 403 a post without this page’s token, or with another page’s', async () => {
    const booking = await storeBooking(new Date())
    const other = await storeBooking(new Date())
    const before = await rowsOf(booking.id)
    const forged: Record<string, string>[] = [{}, { pageToken: 'f'.repeat(64) }, { pageToken: await pageOf(other.token) }]
    for (const fields of forged) {
      const response = await requestWith({}, `/manage/${booking.token}/cancel`, postInit(fields))
      expect(response.status).toBe(403)
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
      expect(await response.text()).toContain('This button could not be checked.')
    }
    expect(await rowsOf(booking.id)).toEqual(before)
    expect((await requestWith({}, `/manage/${booking.token}/cancel`, postInit({ pageToken: await pageOf(booking.token) }))).status).toBe(303)
  })
})

describe('the patient’s page rate limit', () => {
  const perClient = 30

  it('answers 429 with Retry-After once one client has opened or posted to pages 30 times in a minute', async () => {
    const limiter = ownLimiter()
    const booking = await storeBooking(new Date())
    const clientIp = uniqueClientIp()
    // The local limiter counts whole wall-clock minutes: 2 × limit + 1 attempts always meet the limit.
    let passed = 0
    let refusal: Response | undefined
    for (; passed <= 2 * perClient; passed++) {
      const response = await requestWith(limiter, `/manage/${booking.token}`, { headers: { 'CF-Connecting-IP': clientIp } })
      if (response.status === 429) {
        refusal = response
        break
      }
      expect(response.status).toBe(200)
    }
    expect(refusal?.status).toBe(429)
    expect(passed).toBeGreaterThanOrEqual(perClient)
    expect(refusal!.headers.get('Retry-After')).toBe('60')
    expect(refusal!.headers.get('Cache-Control')).toBe('no-store')
    const advice = await refusal!.text()
    expect(advice).toContain('Appointment pages have been opened from your connection many times')
    expect(advice).not.toContain('sent this form')
    const posted = await requestWith(limiter, `/manage/${booking.token}/cancel`, postInit({ pageToken: 'x' }, { clientIp }))
    expect(posted.status).toBe(429)
    expect((await requestWith(limiter, `/manage/${booking.token}`, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })).status).toBe(200)
  })
})

describe('the site-wide brake on private links', () => {
  const siteWide = 300

  /**
   * Spends the whole site's allowance for `key` through the real limiter, as 300
   * visitors would, and counts what it let through: the local limiter counts
   * whole wall-clock minutes, so 2 × limit + 1 calls always meet the limit.
   */
  async function spendSiteAllowance(limiter: RateLimit, key: string) {
    let passed = 0
    while (passed <= 2 * siteWide && (await limiter.limit({ key })).success) passed++
    return passed
  }

  it.each([
    [
      'manage',
      '/manage/0123456789abcdef0123456789abcdef',
      'Appointment pages are being opened unusually often just now. Please wait a minute and try again, or call us on +1 555 010 0000.',
      '/calendar/0123456789abcdef0123456789abcdef.ics',
    ],
    [
      'calendar',
      '/calendar/0123456789abcdef0123456789abcdef.ics',
      'The calendar is being asked for unusually often just now.',
      '/manage/0123456789abcdef0123456789abcdef',
    ],
  ])(
    '%s: 300 a minute from everyone together, then 429 with Retry-After for a client never seen before; the other keeps its allowance',
    async (key, path, message, other) => {
      const limiters = ownLimiter()
      let response: Response | undefined
      // A second round only should the minute turn between spending and asking.
      for (let round = 0; round < 2 && response?.status !== 429; round++) {
        expect(await spendSiteAllowance(limiters.MANAGE_SITE_RATE_LIMITER!, key)).toBeGreaterThanOrEqual(siteWide)
        response = await requestWith(limiters, path, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })
      }
      response = response!
      expect(response.status).toBe(429)
      expect(response.headers.get('Retry-After')).toBe('60')
      expect(response.headers.get('Cache-Control')).toBe('no-store')
      expect(await response.text()).toContain(message)
      expect((await requestWith(limiters, other, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })).status).toBe(404)
    },
  )
})
