import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { sendReply } from '../../../../src/features/bookings/store/replies'
import { type NewRequest, requests, threadMessages } from '../../../../src/features/bookings/store/schema'
import { searchKeyOf } from '../../../../src/platform/search-key'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { wrapBinding } from '../../../helpers/bindings'
import { backPainByRequest, requestFields } from '../../../helpers/book'
import { bookingFields, contactFields, db, post } from '../../../helpers/forms'
import { origin, requestWith } from '../../../helpers/http'
import { filterIdOf, searchInbox } from '../../../helpers/inbox-search'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** A minimal RFC 4180 reader, to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      rows.at(-1)!.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.at(-1)!.push(field)
      field = ''
      rows.push([])
      i++
    } else field += char
  }
  rows.pop()
  return rows
}

describe('GET /admin/export.csv', () => {
  it('exports the current filter as UTF-8 CSV with hostile cells neutralised', async () => {
    const marker = `Csv${crypto.randomUUID().slice(0, 6)}`
    await post('/contact', await contactFields({ name: `=${marker}()`, message: '+SUM(1,2)\n"quoted", and more' }))
    const asked = await requestFields({ name: `${marker} Booker`, notes: '@import' })
    expect((await backPainByRequest(async () => post('/book', asked))).status).toBe(303)
    const list = await searchInbox(session, { q: marker })
    const response = await adminGet(session, `/admin/export.csv?filter=${filterIdOf(list)}`)
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

  it('quotes every field of every row', async () => {
    const marker = `Quote${crypto.randomUUID().slice(0, 6)}`
    await post('/contact', await contactFields({ name: `Ann;=1+1 ${marker}`, message: 'Plain words' }))
    const list = await searchInbox(session, { q: marker })
    const text = await (await adminGet(session, `/admin/export.csv?filter=${filterIdOf(list)}`)).text()
    const [header, row] = text.replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toBe(
      '"reference","received","kind","status","name","email","phone","reply_by","service","pain","patient","preferred_times","message","notes","confirmed_start","private_note","source_article","heard_from","thread"',
    )
    expect(row).toMatch(
      new RegExp(`^"[A-Z0-9]{8}","[^"]+","contact","new","Ann;'=1\\+1 ${marker}","[^"]+@example.org","","email","","","","","Plain words","","","","","",""$`),
    )
  })

  it('gives each phone as stored, in E.164, kept as text so no spreadsheet turns it into a sum or drops its +', async () => {
    const marker = `Phone${crypto.randomUUID().slice(0, 6)}`
    await post('/contact', await contactFields({ name: `${marker} Caller`, phone: '(503) 555-0142', preferredContact: 'phone' }))
    const list = await searchInbox(session, { q: marker })
    const [header, row] = parseCsv(await (await adminGet(session, `/admin/export.csv?filter=${filterIdOf(list)}`)).text())
    expect(row![header!.indexOf('phone')]).toBe("'+15035550142")
  })

  it('names the article each request came from and how the patient heard about the clinic', async () => {
    const marker = `Source${crypto.randomUUID().slice(0, 6)}`
    await post('/book', await bookingFields({ name: `${marker} Reader`, heardFrom: 'article' }), {
      headers: { Referer: `${origin}/articles/low-back-pain-relief-acupuncture` },
    })
    await post('/contact', await contactFields({ name: `${marker} Asker` }))
    const list = await searchInbox(session, { q: marker })
    const [header, ...rows] = parseCsv(await (await adminGet(session, `/admin/export.csv?filter=${filterIdOf(list)}`)).text())
    const column = (name: string) => header!.indexOf(name)
    const byKind = (kind: string) => rows.find((row) => row[column('kind')] === kind)!
    expect([byKind('booking')[column('source_article')], byKind('booking')[column('heard_from')]]).toEqual(['low-back-pain-relief-acupuncture', 'article'])
    expect([byKind('contact')[column('source_article')], byKind('contact')[column('heard_from')]]).toEqual(['', ''])
  })

  it('includes each request’s conversation, oldest message first, with when and who', async () => {
    const marker = `Thread${crypto.randomUUID().slice(0, 6)}`
    await post('/contact', await contactFields({ name: `${marker} Asker` }))
    const list = await searchInbox(session, { q: marker })
    const [request] = await db()
      .select()
      .from(requests)
      .where(eq(requests.name, `${marker} Asker`))
    const key = crypto.randomUUID()
    expect(
      (await sendReply(db(), { requestId: request!.id, key, body: 'Hello,\nsee you soon', actor: 'practitioner', now: new Date('2072-06-01T09:00:00Z') }))
        .stored,
    ).toBe('now')
    await db()
      .insert(threadMessages)
      .values({ id: crypto.randomUUID(), requestId: request!.id, author: 'patient', body: 'Thanks', createdAt: new Date('2072-06-01T10:30:00Z') })
    const [header, row] = parseCsv(await (await adminGet(session, `/admin/export.csv?filter=${filterIdOf(list)}`)).text())
    expect(row![header!.indexOf('thread')]).toBe('2072-06-01T09:00:00Z clinic: Hello,\nsee you soon\n\n2072-06-01T10:30:00Z patient: Thanks')
  })

  it('streams a large export complete and in order, reading D1 a page at a time', async () => {
    const marker = `Bulk${crypto.randomUUID().slice(0, 6)}`.toLowerCase()
    const base = Date.UTC(2030, 0, 1)
    // Three requests share each instant, so pages must break ties by id, not just by time.
    const rows: NewRequest[] = Array.from({ length: 1200 }, (_, index) => {
      const name = `${marker} ${String(index).padStart(4, '0')}`
      const email = `${marker}.${index}@example.org`
      return {
        id: crypto.randomUUID(),
        reference: `R${crypto.randomUUID().slice(0, 12)}`,
        kind: 'contact',
        name,
        email,
        searchKey: searchKeyOf({ name, email }),
        createdAt: new Date(base - Math.floor(index / 3) * 1000),
      }
    })
    for (let start = 0; start < rows.length; start += 100) {
      const [first, ...rest] = rows.slice(start, start + 100).map((row) => db().insert(requests).values(row))
      await db().batch([first!, ...rest])
    }
    const list = await searchInbox(session, { q: marker })
    let pageQueries = 0
    const DB = wrapBinding(env.DB, {
      prepare: (query: string) => {
        if (/from "requests".* limit \?$/s.test(query)) pageQueries++
        return env.DB.prepare(query)
      },
    })
    const response = await requestWith({ DB }, `/admin/export.csv?filter=${filterIdOf(list)}`, { headers: { Cookie: session.cookie } })
    expect(response.status).toBe(200)
    const [header, ...exported] = parseCsv(await response.text())
    const expected = [...rows].sort((a, b) => b.createdAt!.getTime() - a.createdAt!.getTime() || (a.id < b.id ? 1 : -1)).map((row) => row.reference)
    expect(exported.map((row) => row[header!.indexOf('reference')])).toEqual(expected)
    expect(new Set(exported.map((row) => row[0])).size).toBe(1200)
    expect(pageQueries).toBe(3)
  })
})
