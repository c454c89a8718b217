import { hmacHex, verifyHmacHex } from './signing'

/** Humans need longer than this to fill in a form; bots posting at once do not. */
export const minimumFillMs = 3_000

/** A token older than this no longer verifies, so one fetched token cannot be replayed forever. */
const maximumAgeMs = 24 * 60 * 60 * 1000

/** A signed record of when the form was rendered, so the fill time cannot be forged. */
export async function issueFormToken(secret: string, form: string, now = Date.now()): Promise<string> {
  return `${now}.${await hmacHex(secret, `${form}:${now}`)}`
}

export type TokenCheck = 'ok' | 'too-fast' | 'invalid'

export async function checkFormToken(secret: string, form: string, token: unknown, now = Date.now()): Promise<TokenCheck> {
  if (typeof token !== 'string') return 'invalid'
  const [issuedAt = '', signature = ''] = token.split('.')
  if (!/^\d{13}$/.test(issuedAt) || !(await verifyHmacHex(secret, `${form}:${issuedAt}`, signature))) return 'invalid'
  const age = now - Number(issuedAt)
  if (age > maximumAgeMs) return 'invalid'
  return age < minimumFillMs ? 'too-fast' : 'ok'
}
