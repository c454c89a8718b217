import { hmacHex } from '../../platform/signing'

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

/**
 * The salt of a clinic day: HMAC-SHA256 of the date under the Worker secret
 * READER_HASH_SECRET. It is never stored, so whoever reads the database (or its
 * Time Travel history) cannot recompute marks from guessed addresses without
 * the secret too. Every isolate derives the same salt for the same day.
 *
 * @example await saltOf(env.READER_HASH_SECRET, '2032-01-10') // 64 hex characters
 */
export async function saltOf(secret: string, day: string): Promise<string> {
  if (!secret || secret.length < 16) throw new Error('READER_HASH_SECRET is not set (at least 16 characters)')
  // The purpose prefix keeps this from ever matching another use of the same secret.
  return hmacHex(secret, `reader-salt|${day}`)
}

/**
 * A reader's mark for one day, as Plausible counts visitors: SHA-256 of the
 * day's salt, the client address and the user agent, first 16 bytes in hex.
 * Each day has its own salt, so two days' marks of one reader differ.
 */
export async function hashReader(salt: string, address: string, userAgent: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\n${address}\n${userAgent}`))
  return hex(new Uint8Array(digest).slice(0, 16))
}

export interface SaltKeeper {
  /** The salt of `day`, derived once per isolate and day, then kept in memory for that day. */
  saltFor(secret: string, day: string): Promise<string>
}

/** Keeps the current day's salt in the isolate; a new day replaces it, so only one day's salt is ever held. */
export function createSaltKeeper(): SaltKeeper {
  let held: { day: string; secret: string; salt: Promise<string> } | undefined
  return {
    saltFor(secret, day) {
      if (held?.day !== day || held.secret !== secret) {
        const salt = saltOf(secret, day)
        held = { day, secret, salt }
        // A failure (the secret not set) is tried again by the next view instead of being kept.
        salt.catch(() => {
          if (held?.salt === salt) held = undefined
        })
      }
      return held.salt
    },
  }
}
