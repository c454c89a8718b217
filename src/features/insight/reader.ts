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

// SipHash's 64-bit words as [low, high] pairs of 32 bits in one array, since JavaScript has no fast 64-bit integers.
const [v0, v1, v2, v3] = [0, 2, 4, 6]

function add(v: Uint32Array, a: number, b: number) {
  const low = v[a]! + v[b]!
  v[a + 1] = v[a + 1]! + v[b + 1]! + (low > 0xffffffff ? 1 : 0)
  v[a] = low
}

function rotate(v: Uint32Array, a: number, bits: number) {
  const [low, high] = [v[a]!, v[a + 1]!]
  v[a] = (low << bits) | (high >>> (32 - bits))
  v[a + 1] = (high << bits) | (low >>> (32 - bits))
}

function xor(v: Uint32Array, a: number, b: number) {
  v[a] = v[a]! ^ v[b]!
  v[a + 1] = v[a + 1]! ^ v[b + 1]!
}

function swapHalves(v: Uint32Array, a: number) {
  const low = v[a]!
  v[a] = v[a + 1]!
  v[a + 1] = low
}

function sipRounds(v: Uint32Array, rounds: number) {
  for (let round = 0; round < rounds; round++) {
    add(v, v0, v1)
    rotate(v, v1, 13)
    xor(v, v1, v0)
    swapHalves(v, v0)
    add(v, v2, v3)
    rotate(v, v3, 16)
    xor(v, v3, v2)
    add(v, v0, v3)
    rotate(v, v3, 21)
    xor(v, v3, v0)
    add(v, v2, v1)
    rotate(v, v1, 17)
    xor(v, v1, v2)
    swapHalves(v, v2)
  }
}

const littleEndian = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0

/** Mixes one 64-bit message word into the state, as SipHash-2-4 compresses each. */
function compress(v: Uint32Array, low: number, high: number) {
  v[v3] = v[v3]! ^ low
  v[v3 + 1] = v[v3 + 1]! ^ high
  sipRounds(v, 2)
  v[v0] = v[v0]! ^ low
  v[v0 + 1] = v[v0 + 1]! ^ high
}

/**
 * SipHash-2-4 (Aumasson and Bernstein) of `message` under a 16-byte key, as 16
 * hex characters of the 64-bit result: a keyed hash made for short inputs,
 * without the round trip of `crypto.subtle`.
 */
export function sipHash24(key: Uint8Array, message: Uint8Array): string {
  const [k0Low, k0High, k1Low, k1High] = [littleEndian(key, 0), littleEndian(key, 4), littleEndian(key, 8), littleEndian(key, 12)]
  const v = Uint32Array.of(
    k0Low ^ 0x70736575,
    k0High ^ 0x736f6d65,
    k1Low ^ 0x6e646f6d,
    k1High ^ 0x646f7261,
    k0Low ^ 0x6e657261,
    k0High ^ 0x6c796765,
    k1Low ^ 0x79746573,
    k1High ^ 0x74656462,
  )
  const whole = message.length - (message.length % 8)
  for (let at = 0; at < whole; at += 8) compress(v, littleEndian(message, at), littleEndian(message, at + 4))
  // The last word: the bytes left over, little-endian, and the message length's low byte on top.
  const last = new Uint8Array(8)
  last.set(message.subarray(whole))
  last[7] = message.length & 0xff
  compress(v, littleEndian(last, 0), littleEndian(last, 4))
  v[v2] = v[v2]! ^ 0xff
  sipRounds(v, 4)
  const low = (v[v0]! ^ v[v1]! ^ v[v2]! ^ v[v3]!) >>> 0
  const high = (v[v0 + 1]! ^ v[v1 + 1]! ^ v[v2 + 1]! ^ v[v3 + 1]!) >>> 0
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0')
}

export interface DayKeys {
  /** The key of `day`, derived once per isolate and day, then kept in memory for that day. */
  keyFor(secret: string, day: string): Promise<Uint8Array>
}

/** Keeps the current day's key in the isolate; a new day replaces it, so only one day's key is ever held. */
export function createDayKeys(): DayKeys {
  let held: { day: string; secret: string; key: Promise<Uint8Array> } | undefined
  return {
    keyFor(secret, day) {
      if (held?.day !== day || held.secret !== secret) {
        const key = dayKeyOf(secret, day)
        held = { day, secret, key }
        // A failure (the secret not set) is tried again by the next view instead of being kept.
        key.catch(() => {
          if (held?.key === key) held = undefined
        })
      }
      return held.key
    },
  }
}
