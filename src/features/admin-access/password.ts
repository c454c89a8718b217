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

/** The local-only password documented in the README and .dev.vars.example; refused by deployed Workers whatever its hash. */
export const publishedAdminPassword = 'clinic-dev-password'

/** The hash of publishedAdminPassword in .dev.vars.example. */
export const exampleAdminPasswordHash = 'pbkdf2-sha256:100000:YwYl6MtnBA3LRsB7GAI6DA==:P3fIeLVbVjlRlcdA4BdDtBsVYm5F6PsFruqbskHBkp4='

/**
 * Why a password may not become the inbox password, or null when it may.
 * @example checkNewPassword('clinic-dev-password') // "clinic-dev-password is published …"
 */
export function checkNewPassword(password: string): string | null {
  if (password === publishedAdminPassword)
    return `${publishedAdminPassword} is published with the site's code, so anyone could sign in with it. Choose another password.`
  if (password.length < 12) return 'Choose a password of at least 12 characters.'
  return null
}

// The answer costs a full PBKDF2, and the stored hash changes only with a new
// deployment, so each isolate works it out once.
let checkedHash: { stored: string; published: boolean } | undefined

/** Whether a stored hash lets the published local password in (the example hash or any fresh hash of it). */
export async function isPublishedPasswordHash(stored: string): Promise<boolean> {
  if (checkedHash?.stored !== stored) checkedHash = { stored, published: await verifyPassword(publishedAdminPassword, stored) }
  return checkedHash.published
}
