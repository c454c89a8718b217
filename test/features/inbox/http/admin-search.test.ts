import { beforeAll, describe, expect, it } from 'vitest'
import { saveInboxSearch } from '../../../../src/features/inbox/store/inbox-searches'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { bookingFields, contactFields, db, post, referenceFrom, uniqueEmail } from '../../../helpers/forms'
import { filterIdOf, namesFound, searchInbox } from '../../../helpers/inbox-search'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const marker = () => crypto.randomUUID().slice(0, 8)
const storeContact = async (fields: Record<string, string>) => referenceFrom(await post('/contact', await contactFields(fields)))

describe('the search form', () => {
  it('posts the search and is sent on to an address holding only a random id, never what was typed', async () => {
    const email = uniqueEmail('jane.doe')
    await storeContact({ name: 'Jane Doe', email })
    const response = await adminPost(session, '/admin/search', { q: email, kind: 'contact', status: 'new' })
    expect(response.status).toBe(303)
    const location = response.headers.get('Location')!
    expect(location).toMatch(/^\/admin\?filter=[0-9a-f]{32}$/)
    const html = await (await adminGet(session, location)).text()
    expect(html).toMatch(/<th scope="row"><a href="\/admin\/requests\/[^"]+">Jane Doe<\/a><\/th>/)
    expect(html).toContain('1 request ·')
    expect(html).toContain('<form method="post" action="/admin/search"')
    expect(html).toContain(`value="${email}"`)
    const links = [...html.matchAll(/href="(\/admin[^"]*)"/g)].map((match) => match[1]!)
    expect(links).toContain(`/admin/export.csv?filter=${filterIdOf(location)}`)
    for (const link of links) expect(decodeURIComponent(link)).not.toContain('jane')
  })

  it('filters by kind and status and searches by name, email or reference', async () => {
    const mark = marker()
    const contactEmail = uniqueEmail()
    await storeContact({ name: `Findme ${mark}`, email: contactEmail })
    // A booking taken directly: its JSON answer carries the reference its page shows.
    const booked = await post('/book', await bookingFields({ name: `Findme ${mark} Booker` }), { json: true })
    expect(booked.status).toBe(201)
    const bookingRef = ((await booked.json()) as { reference: string }).reference
    expect((await namesFound(session, { q: `findme ${mark}` })).sort()).toEqual([`Findme ${mark}`, `Findme ${mark} Booker`])
    expect(await namesFound(session, { q: mark, kind: 'booking' })).toEqual([`Findme ${mark} Booker`])
    expect(await namesFound(session, { q: contactEmail.toUpperCase() })).toEqual([`Findme ${mark}`])
    expect(await namesFound(session, { q: bookingRef.toLowerCase() })).toEqual([`Findme ${mark} Booker`])
    expect(await namesFound(session, { q: mark, status: 'closed' })).toEqual([])
    expect(await namesFound(session, { q: `${mark}%` })).toEqual([])
  })

  it('finds names with accents and letters of their own however they are typed', async () => {
    const mark = marker()
    await storeContact({ name: `Søren Ørsted ${mark}` })
    await storeContact({ name: `Élise Łukasz Weiß ${mark}` })
    for (const q of [`orsted ${mark}`, `Ørsted ${mark}`, `ØRSTED ${mark}`, `soren`]) {
      expect(await namesFound(session, { q })).toContain(`Søren Ørsted ${mark}`)
    }
    for (const q of [`elise lukasz weiss ${mark}`, `E\u0301LISE ŁUKASZ WEISS ${mark}`, `weiss ${mark}`]) {
      expect(await namesFound(session, { q })).toEqual([`Élise Łukasz Weiß ${mark}`])
    }
  })

  it('kind and status alone go through a saved search too; an empty form lists everything', async () => {
    const kindOnly = await searchInbox(session, { kind: 'booking', status: '', q: '' })
    expect(kindOnly).toMatch(/^\/admin\?filter=[0-9a-f]{32}$/)
    expect(await (await adminGet(session, kindOnly)).text()).toContain('<option value="booking" selected="">Booking</option>')
    expect(await searchInbox(session, { kind: '', status: '', q: '  ' })).toBe('/admin')
  })

  it('refuses unknown filters and over-long searches with 400 and says why', async () => {
    const unknownKind = await adminPost(session, '/admin/search', { kind: 'everything' })
    expect(unknownKind.status).toBe(400)
    expect(await unknownKind.text()).toContain('Choose a kind from the list.')
    const tooLong = await adminPost(session, '/admin/search', { q: 'x'.repeat(101) })
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toContain('Search for at most 100 characters.')
    expect((await adminPost(session, '/admin/search', { status: 'deleted' })).status).toBe(400)
  })

  it('refuses addresses that carry anything but a saved search and a page', async () => {
    for (const path of ['/admin?q=jane', '/admin?kind=booking', '/admin?page=0', '/admin/export.csv?q=jane']) {
      const response = await adminGet(session, path)
      expect(response.status, path).toBe(400)
      expect(await response.text()).toContain('use the form to filter or search')
    }
  })

  it('answers an unknown or expired search with 404 and the form to search again, never a 500', async () => {
    // Saved long ago and far ahead: the route judges expiry by its own clock (the exact bound is tested in test/db).
    const expired = await saveInboxSearch(db(), { search: 'Jane' }, new Date(Date.UTC(2020, 0, 1)))
    const current = await saveInboxSearch(db(), { search: 'Jane' }, new Date(Date.UTC(2100, 0, 1)))
    expect((await adminGet(session, `/admin?filter=${current}`)).status).toBe(200)
    for (const id of [expired, 'f'.repeat(32), 'not-an-id']) {
      for (const path of [`/admin?filter=${id}`, `/admin?filter=${id}&page=2`, `/admin/export.csv?filter=${id}`]) {
        const response = await adminGet(session, path)
        expect(response.status, path).toBe(404)
        const html = await response.text()
        expect(html).toContain('That search has expired. Search again.')
        expect(html).toContain('<form method="post" action="/admin/search"')
        expect(html).not.toContain('Download these as CSV')
      }
    }
  })
})
