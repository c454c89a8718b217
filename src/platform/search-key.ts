/**
 * Letters that NFKD leaves whole because Unicode counts them as letters of
 * their own, not a base letter plus a mark: folded to what a person typing
 * without them would write.
 */
const ownLetters: Record<string, string> = {
  æ: 'ae',
  ð: 'd',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  ŋ: 'ng',
  ø: 'o',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ŧ: 't',
}

const ownLetter = new RegExp(`[${Object.keys(ownLetters).join('')}]`, 'g')

/**
 * Text as the inbox search compares it: compatibility-decomposed (NFKD),
 * accents and other combining marks dropped, lower-cased, and the letters
 * NFKD cannot split spelled out. SQLite's lower() and LIKE fold ASCII only,
 * so this runs in JavaScript on both the stored key and the query.
 *
 * @example foldForSearch('Søren Ørsted-Élise') // "soren orsted-elise"
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(ownLetter, (letter) => ownLetters[letter]!)
}

/** The stored search key of a request: its name and email, folded. */
export const searchKeyOf = (request: { name: string; email: string }): string => foldForSearch(`${request.name} ${request.email}`)
