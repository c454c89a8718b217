import { describe, expect, it } from 'vitest'
import { adminGet, signIn } from '../helpers/admin'
import { bookingFields, contactFields, post } from '../helpers/forms'

/** A minimal RFC 4180 reader, to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') rows.at(-1)!.push(field), (field = '')
    else if (char === '\r' && text[i + 1] === '\n') rows.at(-1)!.push(field), (field = ''), rows.push([]), i++
    else field += char
  }
  rows.pop()
  return rows
}

describe('GET /admin/export.csv', () => {
  it('exports the current filter as UTF-8 CSV with hostile cells neutralised', async () => {
    const session = await signIn()
    const marker = `Csv${crypto.randomUUID().slice(0, 6)}`
    await post('/contact', await contactFields({ name: `=${marker}()`, message: '+SUM(1,2)\n"quoted", and more' }))
    await post('/book', await bookingFields({ name: `${marker} Booker`, notes: '@import' }))
    const response = await adminGet(session, `/admin/export.csv?q=${marker}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="requests-\d{4}-\d{2}-\d{2}\.csv"$/)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes))
    expect(header!.slice(0, 6)).toEqual(['reference', 'received', 'kind', 'status', 'name', 'email'])
    expect(rows).toHaveLength(2)
    const column = (name: string) => header!.indexOf(name)
    const booking = rows.find((row) => row[column('kind')] === 'booking')!
    const contact = rows.find((row) => row[column('kind')] === 'contact')!
    expect(contact[column('name')]).toBe(`'=${marker}()`)
    expect(contact[column('message')]).toBe(`'+SUM(1,2)\n"quoted", and more`)
    expect(booking[column('notes')]).toBe(`'@import`)
    expect(booking[column('preferred_times')]).toMatch(/^\d{4}-\d{2}-\d{2} morning; \d{4}-\d{2}-\d{2} afternoon$/)
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })
})
