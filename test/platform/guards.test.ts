import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { wrapBinding } from '../helpers/bindings'
import { origin, requestWith } from '../helpers/http'

const perClient = 5
const siteWide = 20
let run = 0

/** The real sign-in limiters, every key prefixed with one of this test's own, so each test starts from nothing. */
function ownLimiters(): Partial<Env> {
  const prefix = `guards-${++run}|`
  const prefixed = (limiter: RateLimit) => wrapBinding(limiter, { limit: (options) => limiter.limit({ ...options, key: prefix + options.key }) })
  return { LOGIN_RATE_LIMITER: prefixed(env.LOGIN_RATE_LIMITER), LOGIN_SITE_RATE_LIMITER: prefixed(env.LOGIN_SITE_RATE_LIMITER) }
}

/** A sign-in attempt with a password too long to be checked, so it is refused (401) without the cost of hashing. */
const attemptSignIn = (limiters: Partial<Env>, clientIp: string) =>
  requestWith(limiters, '/admin/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': clientIp },
    body: new URLSearchParams({ password: 'x'.repeat(1025), next: '/admin' }).toString(),
  })

/**
 * Attempts from `clientFor(attempt)` until a 429. The local limiter's windows are
 * whole wall-clock minutes, so `2 × limit + 1` attempts always meet a 429 when
 * the limit holds, and never fewer than `limit` get through first.
 */
async function attemptUntilRefused(clientFor: (attempt: number) => string, attempts: number) {
  const limiters = ownLimiters()
  for (let attempt = 0; attempt < attempts; attempt++) {
    const response = await attemptSignIn(limiters, clientFor(attempt))
    if (response.status === 429) return { passed: attempt, refusal: response }
    expect(response.status).toBe(401)
  }
  return { passed: attempts, refusal: undefined }
}

describe('sign-in rate limits', () => {
  it('limits one client, counting every address of its IPv6 /64, to 5 attempts a minute', async () => {
    const { passed, refusal } = await attemptUntilRefused((attempt) => `2001:db8:1:1::${attempt.toString(16)}`, 2 * perClient + 1)
    expect(refusal?.status).toBe(429)
    expect(passed).toBeGreaterThanOrEqual(perClient)
    expect(passed).toBeLessThanOrEqual(2 * perClient)
    expect(refusal!.headers.get('Retry-After')).toBe('60')
  })

  it('limits attempts from everyone together to 20 a minute, however many clients make them', async () => {
    const { passed, refusal } = await attemptUntilRefused((attempt) => `2001:db8:2:${attempt.toString(16)}::1`, 2 * siteWide + 1)
    expect(refusal?.status).toBe(429)
    expect(passed).toBeGreaterThanOrEqual(siteWide)
    expect(passed).toBeLessThanOrEqual(2 * siteWide)
    expect(refusal!.headers.get('Retry-After')).toBe('60')
    expect(await refusal!.text()).toContain('unusually many sign-in attempts on this site just now. Please wait a minute and try again.')
  })
})
