import { secretTokenPattern } from '../../../platform/secret-token'
import { hmacHex, sameText } from '../../../platform/signing'

/*
 * A trapped bot is sent, like a patient, to a waitlist page: a link that
 * opens no entry but carries its own signature, so the page answers as a
 * patient's does (200, "you are on the waitlist") with nothing in it, instead
 * of the 404 that would tell the bot it was caught. Half the token is random,
 * half a keyed hash of that half: no entry's link (an HMAC of its id) passes
 * the check but by a 1 in 2^64 chance, and nothing is stored.
 */

const signatureOf = async (secret: string, random: string) => (await hmacHex(secret, `waitlist-decoy:${random}`)).slice(0, 16)

/** A link token of the same shape as an entry's, opening the empty page. */
export async function decoyWaitlistToken(secret: string): Promise<string> {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return random + (await signatureOf(secret, random))
}

/** Whether a token that opened no entry is one handed to a trapped bot. */
export async function isDecoyWaitlistToken(secret: string, token: string): Promise<boolean> {
  if (!secretTokenPattern.test(token)) return false
  return sameText(token.slice(16), await signatureOf(secret, token.slice(0, 16)))
}
