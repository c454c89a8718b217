import { afterEach, describe, expect, it, vi } from 'vitest'
import { verifyTurnstile } from '../../src/platform/turnstile'

const expected = { hostname: 'clinic.example.com', action: 'contact', remoteIp: '198.51.100.7' }

afterEach(() => vi.restoreAllMocks())

/** A siteverify that never answers: like a real fetch, it gives up only when its signal aborts. */
function hangSiteverify() {
  const signals: (AbortSignal | null | undefined)[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation((_input, init) => {
    signals.push(init?.signal)
    const signal = init?.signal
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))
  })
  return signals
}

/** Settles with 'still waiting' if the check has not answered within two seconds. */
const withinTwoSeconds = <T>(check: Promise<T>) =>
  Promise.race([check, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 2_000))])

describe('verifyTurnstile', () => {
  it('refuses promptly when siteverify never answers', async () => {
    const signals = hangSiteverify()
    expect(await withinTwoSeconds(verifyTurnstile('secret', 'widget-token', expected, 50))).toBe(false)
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(true)
  })

  it('gives the call five seconds by default', async () => {
    // Spied on and already expired, so the test need not wait the five seconds out.
    const timeout = vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => AbortSignal.abort(new DOMException('timed out', 'TimeoutError')))
    hangSiteverify()
    expect(await withinTwoSeconds(verifyTurnstile('secret', 'widget-token', expected))).toBe(false)
    expect(timeout).toHaveBeenCalledWith(5_000)
  })
})
