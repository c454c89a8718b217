import { claimDailySalt } from '../db/insight-counts'
import type { Db } from '../db/client'

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

/** 32 random bytes, hex: a new day's salt. */
export const newSalt = (): string => hex(crypto.getRandomValues(new Uint8Array(32)))

/**
 * A reader's mark for one day, as Plausible counts visitors: SHA-256 of the
 * day's salt, the client address and the user agent, first 16 bytes in hex.
 * Once the salt is deleted the mark cannot be recomputed, so two days'
 * readers can never be linked.
 */
export async function hashReader(salt: string, address: string, userAgent: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\n${address}\n${userAgent}`))
  return hex(new Uint8Array(digest).slice(0, 16))
}

export interface SaltKeeper {
  /** The salt of `day`, read or created in D1 once per isolate and day, then kept in memory for that day. */
  saltFor(db: Db, day: string, now: Date): Promise<string>
}

/** Keeps the current day's salt in the isolate; a new day replaces it, so only one day's salt is ever held. */
export function createSaltKeeper(): SaltKeeper {
  let held: { day: string; salt: Promise<string> } | undefined
  return {
    saltFor(db, day, now) {
      if (held?.day !== day) {
        const salt = claimDailySalt(db, day, newSalt(), now)
        held = { day, salt }
        // A failed reading is tried again by the next view instead of being kept.
        salt.catch(() => {
          if (held?.salt === salt) held = undefined
        })
      }
      return held.salt
    },
  }
}
