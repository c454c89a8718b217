import { hmacHex, sameText } from '../../../platform/signing'

/** Hex characters of the address's HMAC: 80 bits, far beyond guessing one request's address. */
const macLength = 20

const macOf = async (secret: string, requestId: string) => (await hmacHex(secret, `reply-to|${requestId}`)).slice(0, macLength)

/**
 * The Reply-To of an email about one request: REPLY_ADDRESS with the request's
 * reference and an HMAC of its id (FORM_SECRET) as a subaddress, e.g.
 * `replies+yawuz8xz-3f9c…@clinic.example.com`. Lower case, since mail systems
 * may fold a local part; nothing is stored, and a changed secret retires every
 * address given out before it.
 *
 * @example await replyAddressOf(env.FORM_SECRET, 'replies@clinic.example.com', request) // 'replies+yawuz8xz-…@clinic.example.com'
 */
export async function replyAddressOf(secret: string, replyAddress: string, request: { id: string; reference: string }): Promise<string> {
  const at = replyAddress.lastIndexOf('@')
  return `${replyAddress.slice(0, at)}+${request.reference.toLowerCase()}-${await macOf(secret, request.id)}${replyAddress.slice(at)}`
}

/** The reference an incoming address names, before its MAC is checked; null for any other address. */
export function referenceInReplyAddress(replyAddress: string, to: string): { reference: string; mac: string } | null {
  const at = replyAddress.lastIndexOf('@')
  const base = replyAddress.slice(0, at).toLowerCase()
  const domain = replyAddress.slice(at).toLowerCase()
  const address = to.trim().toLowerCase()
  if (!address.endsWith(domain) || !address.startsWith(`${base}+`)) return null
  const match = /^([0-9a-z]{4,16})-([0-9a-f]+)$/.exec(address.slice(base.length + 1, address.length - domain.length))
  return match ? { reference: match[1]!.toUpperCase(), mac: match[2]! } : null
}

/** Whether `mac` is the one this request's reply address carries. */
export const isReplyMacOf = async (secret: string, requestId: string, mac: string): Promise<boolean> => sameText(await macOf(secret, requestId), mac)
