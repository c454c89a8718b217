import { hmacHex } from '../../platform/signing'

/**
 * The key of a clinic day's reader marks: the first 16 bytes of HMAC-SHA256 of
 * the date under the Worker secret READER_HASH_SECRET. It is never stored, so
 * whoever reads the database (or its Time Travel history) cannot recompute
 * marks from guessed addresses without the secret too. Every isolate derives
 * the same key for the same day.
 *
 * @example await dayKeyOf(env.READER_HASH_SECRET, '2032-01-10') // 16 bytes
 */
export async function dayKeyOf(secret: string, day: string): Promise<Uint8Array> {
  if (!secret || secret.length < 16) throw new Error('READER_HASH_SECRET is not set (at least 16 characters)')
  // The purpose prefix keeps this from ever matching another use of the same secret.
  const salt = await hmacHex(secret, `reader-salt|${day}`)
  return Uint8Array.from({ length: 16 }, (_, index) => Number.parseInt(salt.slice(index * 2, index * 2 + 2), 16))
}

const encoder = new TextEncoder()

/**
 * A reader's mark for one day, as Plausible counts visitors: a keyed hash of
 * the client address and the user agent under the day's key, 16 hex characters.
 * Synchronous and a few microseconds, since every counted view computes one;
 * each day has its own key, so two days' marks of one reader differ.
 */
export function markOf(dayKey: Uint8Array, address: string, userAgent: string): string {
  return sipHash24(dayKey, encoder.encode(`${address}\n${userAgent}`))
}

const littleEndian = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0

/**
 * SipHash-2-4 (Aumasson and Bernstein) of `message` under a 16-byte key, as 16
 * hex characters of the 64-bit result: a keyed hash made for short inputs,
 * without the round trip of `crypto.subtle`. JavaScript has no fast 64-bit
 * integers, so each word is two 32-bit halves, all in local variables (one
 * function, no closures) so the engine keeps them unboxed.
 */
export function sipHash24(key: Uint8Array, message: Uint8Array): string {
  const k0l = littleEndian(key, 0)
  const k0h = littleEndian(key, 4)
  const k1l = littleEndian(key, 8)
  const k1h = littleEndian(key, 12)
  let v0l = (k0l ^ 0x70736575) >>> 0
  let v0h = (k0h ^ 0x736f6d65) >>> 0
  let v1l = (k1l ^ 0x6e646f6d) >>> 0
  let v1h = (k1h ^ 0x646f7261) >>> 0
  let v2l = (k0l ^ 0x6e657261) >>> 0
  let v2h = (k0h ^ 0x6c796765) >>> 0
  let v3l = (k1l ^ 0x79746573) >>> 0
  let v3h = (k1h ^ 0x74656462) >>> 0
  const length = message.length
  const whole = length - (length % 8)
  // The last word: the bytes left over, little-endian, and the message length's low byte on top.
  const last = new Uint8Array(8)
  last.set(message.subarray(whole))
  last[7] = length & 0xff
  const words = whole / 8 + 1
  // Each word is mixed in with two rounds; one step more finishes with four.
  for (let step = 0; step <= words; step++) {
    const finishing = step === words
    let mLow = 0
    let mHigh = 0
    if (finishing) {
      v2l = (v2l ^ 0xff) >>> 0
    } else {
      const inMessage = step < words - 1
      mLow = littleEndian(inMessage ? message : last, inMessage ? step * 8 : 0)
      mHigh = littleEndian(inMessage ? message : last, inMessage ? step * 8 + 4 : 4)
      v3l = (v3l ^ mLow) >>> 0
      v3h = (v3h ^ mHigh) >>> 0
    }
    for (let round = finishing ? 4 : 2; round > 0; round--) {
      let low = v0l + v1l // v0 += v1; v1 <<<= 13; v1 ^= v0; v0 <<<= 32
      v0h = (v0h + v1h + (low > 0xffffffff ? 1 : 0)) >>> 0
      v0l = low >>> 0
      let swap = ((v1l << 13) | (v1h >>> 19)) >>> 0
      v1h = (((v1h << 13) | (v1l >>> 19)) ^ v0h) >>> 0
      v1l = (swap ^ v0l) >>> 0
      swap = v0l
      v0l = v0h
      v0h = swap
      low = v2l + v3l // v2 += v3; v3 <<<= 16; v3 ^= v2
      v2h = (v2h + v3h + (low > 0xffffffff ? 1 : 0)) >>> 0
      v2l = low >>> 0
      swap = ((v3l << 16) | (v3h >>> 16)) >>> 0
      v3h = (((v3h << 16) | (v3l >>> 16)) ^ v2h) >>> 0
      v3l = (swap ^ v2l) >>> 0
      low = v0l + v3l // v0 += v3; v3 <<<= 21; v3 ^= v0
      v0h = (v0h + v3h + (low > 0xffffffff ? 1 : 0)) >>> 0
      v0l = low >>> 0
      swap = ((v3l << 21) | (v3h >>> 11)) >>> 0
      v3h = (((v3h << 21) | (v3l >>> 11)) ^ v0h) >>> 0
      v3l = (swap ^ v0l) >>> 0
      low = v2l + v1l // v2 += v1; v1 <<<= 17; v1 ^= v2; v2 <<<= 32
      v2h = (v2h + v1h + (low > 0xffffffff ? 1 : 0)) >>> 0
      v2l = low >>> 0
      swap = ((v1l << 17) | (v1h >>> 15)) >>> 0
      v1h = (((v1h << 17) | (v1l >>> 15)) ^ v2h) >>> 0
      v1l = (swap ^ v2l) >>> 0
      swap = v2l
      v2l = v2h
      v2h = swap
    }
    if (!finishing) {
      v0l = (v0l ^ mLow) >>> 0
      v0h = (v0h ^ mHigh) >>> 0
    }
  }
  const resultLow = (v0l ^ v1l ^ v2l ^ v3l) >>> 0
  const resultHigh = (v0h ^ v1h ^ v2h ^ v3h) >>> 0
  return resultHigh.toString(16).padStart(8, '0') + resultLow.toString(16).padStart(8, '0')
}

export interface DayKeys {
  /** The key of `day`, derived once per isolate and day, then kept in memory for that day. */
  keyFor(secret: string, day: string): Promise<Uint8Array>
  /** The key of `day` when it is already derived, so a view can be marked without waiting; else undefined. */
  keyKnown(secret: string, day: string): Uint8Array | undefined
}

/** Keeps the current day's key in the isolate; a new day replaces it, so only one day's key is ever held. */
export function createDayKeys(): DayKeys {
  let held: { day: string; secret: string; key: Promise<Uint8Array>; known?: Uint8Array } | undefined
  return {
    keyFor(secret, day) {
      if (held?.day !== day || held.secret !== secret) {
        const key = dayKeyOf(secret, day)
        const holding: NonNullable<typeof held> = { day, secret, key }
        held = holding
        key.then(
          (derived) => {
            holding.known = derived
          },
          // A failure (the secret not set) is tried again by the next view instead of being kept.
          () => {
            if (held === holding) held = undefined
          },
        )
      }
      return held.key
    },
    keyKnown(secret, day) {
      return held?.day === day && held.secret === secret ? held.known : undefined
    },
  }
}
