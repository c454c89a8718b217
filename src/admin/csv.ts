/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a
 * patient could type `=HYPERLINK(...)` into a form and have it execute on the
 * practitioner's machine. A leading apostrophe makes it plain text.
 */
const formulaTrigger = /^[=+\-@\t\r]/

export function neutralizeCell(value: string): string {
  return formulaTrigger.test(value) ? `'${value}` : value
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or
 * line break. Starts with a UTF-8 byte order mark so Excel reads accents right.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => quote(neutralizeCell(cell ?? ''))).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
