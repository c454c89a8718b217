import { clinicZoneName, formatInstant } from '../../platform/dates'

// C0/C1 controls, line and paragraph separators, and bidi overrides that could
// make a value display as something else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters a patient value must not carry
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters a patient value must not carry
const controlsButNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value)

/**
 * A patient value for one line of a notification: no line breaks or control
 * characters (so it cannot fake further lines), bounded in length.
 */
export const singleLine = (value: string, max = 200): string => clip(value.replace(controls, ' ').replace(/ {2,}/g, ' ').trim(), max)

/** A patient's free text (message, notes): line breaks kept as \n, other controls dropped, bounded. */
export const multiLine = (value: string, max = 5000): string =>
  clip(
    value
      .replace(/\r\n?|[\u2028\u2029]/g, '\n')
      .replace(controlsButNewline, ' ')
      .trim(),
    max,
  )

/**
 * An address safe to put in a header and a mailto: link: one local part, one
 * domain, none of the characters that start a display name, a comment or a second
 * address. Requests are validated on the way in; this holds for any row.
 */
export const isPlainAddress = (value: string): boolean => value.length <= 254 && /^[^\s<>()[\]",;:\\@]+@[^\s<>()[\]",;:\\@]+\.[^\s<>()[\]",;:\\@]+$/.test(value)

/**
 * Text for chat webhooks: Slack reads &, < and > as markup (`<!channel>` pings
 * everyone), and Discord and Slack expand @everyone and @here.
 */
export const escapeChatText = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(everyone|here|channel)\b)/gi, '@\u200b')

/**
 * An instant as the clinic's wall clock with the zone named in words, e.g.
 * "Dec 1, 2026, 9:30 AM (Pacific Time)": a notification may be read in another zone.
 */
export const formatInstantWithZone = (instant: Date): string => `${formatInstant(instant)} (${clinicZoneName()})`
