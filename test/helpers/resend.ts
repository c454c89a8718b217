import { vi } from 'vitest'
import { resendEndpoint } from '../../src/features/notifications/transports/resend'

/** Env overrides that send email through Resend with a test key. */
export const viaResend = { EMAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_test_0123456789abcdef' } satisfies Partial<Env>

export interface ResendCall {
  url: string
  method: string
  headers: Headers
  body: unknown
  signal: AbortSignal
}

/**
 * Intercepts outbound fetches to Resend's API (an outside service) and answers
 * them with `respond`; anything else goes out as usual. Restore with
 * vi.restoreAllMocks().
 */
export function interceptResend(respond: (call: ResendCall) => Promise<Response>): ResendCall[] {
  const calls: ResendCall[] = []
  const original = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (request.url !== resendEndpoint) return original(input, init)
    const call = { url: request.url, method: request.method, headers: request.headers, body: await request.json(), signal: init?.signal ?? request.signal }
    calls.push(call)
    return respond(call)
  })
  return calls
}

/**
 * Resend as its documentation describes idempotency: the first request with a
 * key is sent and answered with a new id; a repeat of the key gets the same
 * answer and sends nothing.
 */
export function resendLike() {
  const delivered: ResendCall[] = []
  const ids = new Map<string, string>()
  const idOf = (key: string) => ids.get(key)
  async function respond(call: ResendCall): Promise<Response> {
    const key = call.headers.get('Idempotency-Key') ?? ''
    if (!ids.has(key)) {
      ids.set(key, `re-${crypto.randomUUID()}`)
      delivered.push(call)
    }
    return Response.json({ id: idOf(key) })
  }
  return { delivered, idOf, respond }
}
