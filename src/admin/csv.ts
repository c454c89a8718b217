/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a
 * patient could type `=HYPERLINK(...)` into a form and have it execute on the
 * practitioner's machine. A leading apostrophe makes it plain text. The same
 * goes after each `;`: where the list separator is `;` (much of Europe), an
 * import that splits on it without honouring quotes starts a new cell there.
 */
const formulaTrigger = /(^|;)([=+\-@\t\r])/g

export type CsvCell = string | null | undefined

/**
 * A cell made safe to open in a spreadsheet.
 *
 * @example neutralizeCell('Ann;=1+1') // "Ann;'=1+1"
 */
export function neutralizeCell(value: string): string {
  return value.replace(formulaTrigger, "$1'$2")
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
