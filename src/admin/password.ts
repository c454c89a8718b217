/**
 * Password hashes as `pbkdf2-sha256:<iterations>:<salt>:<hash>` (base64).
 * 100,000 iterations is the most the Workers runtime's PBKDF2 allows.
 */
export const pbkdf2Iterations = 100_000
const scheme = 'pbkdf2-sha256'

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256)
  return new Uint8Array(bits)
}

/** @example await hashPassword('correct horse battery staple') // "pbkdf2-sha256:100000:…:…" */
export async function hashPassword(password: string, iterations = pbkdf2Iterations): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return [scheme, iterations, toBase64(salt), toBase64(await derive(password, salt, iterations))].join(':')
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [name, iterationText, saltText = '', hashText = ''] = stored.split(':')
  const iterations = Number(iterationText)
  const wellFormed = name === scheme && Number.isInteger(iterations) && iterations >= 1 && iterations <= pbkdf2Iterations
  if (!wellFormed || !base64.test(saltText) || !base64.test(hashText) || saltText.length % 4 !== 0 || hashText.length % 4 !== 0) return false
  const expected = fromBase64(hashText)
  const actual = await derive(password, fromBase64(saltText), iterations)
  return actual.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(actual, expected)
}

/** The hash of the local-only password in .dev.vars.example; refused by deployed Workers. */
export const exampleAdminPasswordHash = 'pbkdf2-sha256:100000:YwYl6MtnBA3LRsB7GAI6DA==:P3fIeLVbVjlRlcdA4BdDtBsVYm5F6PsFruqbskHBkp4='
