const keys = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    keys.set(secret, key)
  }
  return key
}

const toHex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** HMAC-SHA256 of the text, hex-encoded. */
export async function hmacHex(secret: string, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(text)))
}

/** Constant-time check of a hex HMAC, so a forger learns nothing from timing. */
export async function verifyHmacHex(secret: string, text: string, signature: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false
  const bytes = new Uint8Array(signature.match(/../g)!.map((pair) => parseInt(pair, 16)))
  return crypto.subtle.verify('HMAC', await hmacKey(secret), bytes, new TextEncoder().encode(text))
}

/** Compares two strings in constant time (the runtime's timingSafeEqual needs equal lengths). */
export function sameText(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a)
  const right = new TextEncoder().encode(b)
  return left.byteLength === right.byteLength && crypto.subtle.timingSafeEqual(left, right)
}
