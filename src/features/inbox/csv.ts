/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a
 * patient could type `=HYPERLINK(...)` into a form and have it execute on the
 * practitioner's machine. A leading apostrophe makes it plain text. Following
 * OWASP's CSV injection advice, a trigger counts after leading spaces too, and
 * at the start of every line of a cell as well as after each `;`: an import
 * that splits on line breaks, or on `;` where that is the list separator (much
 * of Europe), without honouring quotes starts a new cell there. The trigger is
 * only looked ahead at, so a CR that is itself a trigger still starts a line.
 */
const formulaTrigger = /(^|;|\r\n|[\r\n])(?=[^\S\r\n]*[=+\-@\t\r])/g

export type CsvCell = string | null | undefined

/**
 * A cell made safe to open in a spreadsheet.
 *
 * @example neutralizeCell('Ann;=1+1') // "Ann;'=1+1"
 */
export function neutralizeCell(value: string): string {
  return value.replace(formulaTrigger, "$1'")
}

/**
 * One RFC 4180 record, CRLF-terminated, with every field quoted: an unquoted
 * field is split by a spreadsheet whose list separator differs from ours.
 */
export function toCsvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map((cell) => `"${neutralizeCell(cell ?? '').replace(/"/g, '""')}"`).join(',')}\r\n`
}

/**
 * A CSV file as a byte stream: the UTF-8 byte order mark (so Excel reads
 * accents right) and the header first, then each page of records as the
 * reader asks for it, so a long export never sits in memory whole.
 */
export function streamCsv(header: readonly string[], pages: AsyncIterable<readonly (readonly CsvCell[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = pages[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${toCsvRecord(header)}`))
    },
    async pull(controller) {
      const page = await iterator.next()
      if (page.done) controller.close()
      else controller.enqueue(encoder.encode(page.value.map(toCsvRecord).join('')))
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}
