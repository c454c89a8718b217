/** Letters and digits that cannot be mistaken for each other when read out on the phone. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const referenceLength = 8
export const referencePattern = new RegExp(`^[${alphabet}]{${referenceLength}}$`)

/** Fills `count` bytes from the platform's cryptographic random source. */
const cryptoBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count))

/**
 * The largest multiple of the alphabet's size that fits in a byte: bytes from
 * here up are drawn again, since keeping them would favour the first
 * `256 % 31` characters (modulo bias).
 */
const rejectFrom = 256 - (256 % alphabet.length)

/**
 * A short, unguessable reference for the patient: 8 characters from 31
 * (about 40 bits), drawn without modulo bias. `randomBytes` is the byte
 * source, replaceable to check the drawing itself.
 */
export function newReference(randomBytes: (count: number) => Uint8Array = cryptoBytes): string {
  let reference = ''
  while (reference.length < referenceLength) {
    for (const byte of randomBytes(16)) {
      if (byte < rejectFrom && reference.length < referenceLength) reference += alphabet[byte % alphabet.length]
    }
  }
  return reference
}
