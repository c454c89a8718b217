/**
 * Phone numbers: read as a person types them, stored in E.164, shown in the
 * clinic country's format. The smallest metadata (`/min`) is enough: it knows
 * every country's lengths and number patterns, which is what `isValid` checks;
 * the larger sets add only the kind of line (mobile or fixed) and examples.
 * This module is loaded with import() where it is used (a form's POST, the
 * inbox), so a public page never evaluates the metadata.
 */
import { type CountryCode, isSupportedCountry, type PhoneNumber, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/min'

/** Why a typed number was not taken. */
export type PhoneProblem = 'not-a-number' | 'too-short' | 'too-long' | 'not-callable'

export type ReadPhone = { ok: true; stored: string } | { ok: false; problem: PhoneProblem }

/** A stored number: E.164, and `;ext=` with the extension when one was typed (RFC 3966's form). */
const storedPattern = /^(\+[1-9]\d{6,14})(?:;ext=(\d{1,10}))?$/

/** Whether numbers can be read for `country` (ISO 3166 alpha-2): "GB" can, "UK" cannot. */
export const isPhoneCountry = (country: string): boolean => isSupportedCountry(country)

/** The clinic's country as libphonenumber knows it; an unknown one reads only numbers typed with + and a country code. */
const countryOf = (country: string): CountryCode | undefined => (isSupportedCountry(country) ? country : undefined)

const storedForm = (number: PhoneNumber) => (number.ext ? `${number.number};ext=${number.ext}` : number.number)

/**
 * Reads a typed number ("(503) 555-0142", "+44 20 7946 0958", "503.555.0142
 * ext. 12") for the clinic's country: a number written with + and a country
 * code may be from anywhere. Taken only when it is a number someone can call
 * there (`isValid`: its length and pattern), not merely one of a possible
 * length, so "555 010 0199" (no such area code) is refused.
 *
 * @example readPhone('(503) 555-0142', 'US') // { ok: true, stored: '+15035550142' }
 */
export function readPhone(typed: string, country: string): ReadPhone {
  const defaultCountry = countryOf(country)
  const text = typed.trim()
  // Not `extract`: "call me on 503 555 0142 after 5" is not a number, and neither is anything around one.
  const number = parsePhoneNumberFromString(text, { defaultCountry, extract: false })
  if (number?.isValid()) return { ok: true, stored: storedForm(number) }
  const length = validatePhoneNumberLength(text, { defaultCountry })
  if (length === 'TOO_SHORT') return { ok: false, problem: 'too-short' }
  if (length === 'TOO_LONG') return { ok: false, problem: 'too-long' }
  return { ok: false, problem: number ? 'not-callable' : 'not-a-number' }
}

/** The stored number read back, or undefined for a value kept as typed before numbers were stored in E.164. */
function readStored(stored: string): PhoneNumber | undefined {
  const match = storedPattern.exec(stored)
  if (!match) return undefined
  const number = parsePhoneNumberFromString(match[1]!)
  if (!number) return undefined
  if (match[2]) number.ext = match[2] as PhoneNumber['ext']
  return number
}

/**
 * A stored number as the clinic reads it: the national format when it is in
 * the clinic's country ("(503) 555-0142"), the international one otherwise
 * ("+44 20 7946 0958"). A value that is not E.164 is shown as stored.
 */
export function formatPhone(stored: string, country: string): string {
  const number = readStored(stored)
  if (!number) return stored
  return number.country !== undefined && number.country === countryOf(country) ? number.formatNational() : number.formatInternational()
}

/** The `tel:` address of a stored number ("tel:+15035550142"); a value that is not E.164 keeps its + and digits. */
export function phoneHref(stored: string): string {
  return readStored(stored)?.getURI() ?? `tel:${stored.replace(/[^\d+]/g, '')}`
}

/**
 * Every way a stored number may be written back to us: as stored, in its own
 * country's national and the international format, and their digits. A
 * provider quoting the number in any of them must not put it in a log.
 */
export function phoneSpellings(stored: string): string[] {
  const number = readStored(stored)
  const written = number ? [stored, number.formatNational(), number.formatInternational(), number.nationalNumber] : [stored]
  // Longest first, so a shorter spelling never breaks up a longer one before it is matched.
  return [...new Set(written.flatMap((form) => [form, form.replace(/\D/g, '')]))].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length)
}
