import { phoneSpellings } from '../../platform/phone'
import type { Requester } from './composer'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `value` as a whole word (not inside a longer one), in any letter case. */
const wholeWord = (value: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'giu')

/**
 * A provider's error text without what this patient typed: providers quote
 * back the recipient, its display name or the message, and the text goes to
 * the logs and to the inbox's last_error. The name goes whole and word by word
 * (a provider may quote only part of it); the phone as stored, formatted and as
 * bare digits. Other addresses are already gone (describeError removes every one).
 */
export function redactPatientDetails(text: string, patient: Requester): string {
  const nameParts = patient.name.split(/\s+/u).filter((part) => part.length >= 2)
  const phone = patient.phone ? phoneSpellings(patient.phone) : []
  const replacements: [string, string][] = [
    [patient.email, '[email]'],
    ...phone.map((value): [string, string] => [value, '[phone]']),
    [patient.name, '[name]'],
    ...nameParts.map((part): [string, string] => [part, '[name]']),
  ]
  return replacements.filter(([value]) => value.trim().length > 0).reduce((redacted, [value, label]) => redacted.replace(wholeWord(value), label), text)
}
