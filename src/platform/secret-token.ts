/**
 * Random URL tokens that are stored only as their SHA-256: a copy of the
 * database cannot be turned back into working links.
 */

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

/** 128 random bits as 32 lower-case hex characters. */
export const newSecretToken = (): string => hex(crypto.getRandomValues(new Uint8Array(16)))

/** The shape every token has; anything else is refused before any lookup. */
export const secretTokenPattern = /^[0-9a-f]{32}$/

/** The stored form of a token. */
export async function hashSecretToken(token: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))))
}
