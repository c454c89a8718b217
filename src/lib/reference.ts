/** Letters and digits that cannot be mistaken for each other when read out on the phone. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const referenceLength = 8
export const referencePattern = new RegExp(`^[${alphabet}]{${referenceLength}}$`)

/**
 * A short, unguessable reference for the patient: 8 characters from 31
 * (about 40 bits), drawn without modulo bias.
 */
export function newReference(): string {
  const limit = 256 - (256 % alphabet.length)
  let reference = ''
  while (reference.length < referenceLength) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && reference.length < referenceLength) reference += alphabet[byte % alphabet.length]
    }
  }
  return reference
}
