import { Refusal } from '../../../platform/refusal'
import { hmacHex, sameText } from '../../../platform/signing'

function formSecret(env: Env): string {
  if (!env.FORM_SECRET || env.FORM_SECRET.length < 16) throw new Error('FORM_SECRET is not set (at least 16 characters)')
  return env.FORM_SECRET
}

/**
 * The hidden field every button of a patient's page sends back: an HMAC under
 * FORM_SECRET of the link's stored hash, so only someone who has opened that
 * page can post its buttons. The prefix keeps it apart from the form secret's other uses.
 */
export const issuePageToken = (env: Env, tokenHash: string): Promise<string> => hmacHex(formSecret(env), `manage-page:${tokenHash}`)

/** 403 unless `sent` is this page's token (compared in constant time). */
export async function requirePageToken(env: Env, tokenHash: string, sent: unknown): Promise<void> {
  if (!sameText(typeof sent === 'string' ? sent : '', await issuePageToken(env, tokenHash))) {
    throw new Refusal(403, 'Request refused', 'This button could not be checked. Open your appointment from the link in your email and try again.')
  }
}
