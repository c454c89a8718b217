import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../../../src/features/articles/store/schema'
import { requests } from '../../../../src/features/bookings/store/schema'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { bookingAt, clinicTime, detailsFor } from '../../../helpers/book'
import { contactFields, db, post, referenceFrom } from '../../../helpers/forms'
import { origin, request } from '../../../helpers/http'
import { withSettings } from '../../../helpers/settings'

const slug = 'low-back-pain-relief-acupuncture'
const title = 'Effective Low Back Pain Relief with Acupuncture'

// A fixed clock on Thursday, June 1, 2045; the bookings take times of the weeks of June 5 and 12 (no other file books them).
const clinic = () => bookingAt(clinicTime('2045-06-01', '12:00'))
let nextStart = 0
/** Another free time of the week of June 5 on each call: every weekday hour from 9:00 to 17:00, then the next week's. */
const freshStart = () => {
  const count = nextStart++
  const day = 5 + Math.floor(count / 9) + 2 * Math.floor(count / 45)
  return clinicTime(`2045-06-${String(day).padStart(2, '0')}`, `${String(9 + (count % 9)).padStart(2, '0')}:00`)
}
/** A patient's details for one fresh time. */
const bookingFields = (overrides: Record<string, string> = {}) => detailsFor([freshStart()], overrides)
/** The one request stored for an email address. */
const rowOf = async (email: string) => {
  const rows = await db().select().from(requests).where(eq(requests.email, email))
  expect(rows).toHaveLength(1)
  return rows[0]!
}
/** The addresses a page links to, as a browser reads them. */
const links = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'))
const asRequest = <T>(run: () => Promise<T>) =>
  withSettings(
    'treatments',
    (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, bookingMode: 'request' as const } : item)) }),
    run,
  )

const storedRow = async (response: Response) => {
  const [row] = await db()
    .select()
    .from(requests)
    .where(eq(requests.reference, referenceFrom(response)))
  return row!
}

const withReferer = (referer: string) => ({ headers: { Referer: referer } })

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

describe('the form pages', () => {
  it('leave the contact page the same whatever article it was opened from: its source is read when it is sent', async () => {
    const withoutToken = async (path: string) => (await (await request(path)).text()).replace(/value="\d{13}\.[0-9a-f]{64}"/, '')
    const plain = await withoutToken('/contact')
    expect(await withoutToken(`/contact?from=${slug}`)).toBe(plain)
    expect(plain).not.toContain('sourceArticle')
  })

  it('carry the article through the treatments, the week and the details step, under a name insight does not count as a form opening', async () => {
    const treatments = await (await clinic().get(`/book?from=${slug}`)).text()
    expect(links(treatments)).toContain(`/book?treatment=back-pain&source=${slug}`)
    const week = await (await clinic().get(`/book?treatment=back-pain&week=2045-06-05&source=${slug}`)).text()
    expect(links(week)).toContain(`/book?treatment=back-pain&week=2045-06-12&source=${slug}`)
    expect(links(week)).toContain(`/book?source=${slug}`)
    expect(week).toContain(`<input type="hidden" name="source" value="${slug}"/>`)
    const start = clinicTime('2045-06-06', '10:00').getTime()
    const details = await (await clinic().get(`/book/details?treatment=back-pain&week=2045-06-05&source=${slug}&start=${start}`)).text()
    expect(details).toContain(`<input type="hidden" name="sourceArticle" value="${slug}"/>`)
    expect(links(details)).toContain(`/book?treatment=back-pain&week=2045-06-05&source=${slug}`)
  })

  it('take the article from an article page’s Referer, and carry nothing that is not shaped like one', async () => {
    const fromArticle = await (await clinic().get('/book', { Referer: `${origin}/articles/${slug}` })).text()
    expect(links(fromArticle)).toContain(`/book?treatment=back-pain&source=${slug}`)
    for (const page of ['/book?from=%3Cb%3Efree%3C%2Fb%3E', '/book']) {
      const html = await (await clinic().get(page)).text()
      expect(links(html)).toContain('/book?treatment=back-pain')
      expect(html).not.toContain('source=')
    }
  })

  it('ask "How did you hear about us?" as an optional select with every answer', async () => {
    const start = clinicTime('2045-06-06', '10:00').getTime()
    const details = await clinic().get(`/book/details?treatment=back-pain&week=2045-06-05&start=${start}`)
    for (const html of [await details.text(), await (await request('/contact')).text()]) {
      expect(html).toContain('<label for="f-heardFrom">How did you hear about us?<span class="optional"> (optional)</span></label>')
      expect(html).toMatch(/<select id="f-heardFrom" name="heardFrom">\s*<option value="">Choose…<\/option>/)
      for (const label of [
        'A search engine',
        'An article on this site',
        'A friend or family member',
        'Another practitioner or doctor',
        'Social media',
        'Other',
      ]) {
        expect(html).toContain(`">${label}</option>`)
      }
    }
  })
})

/**
 * Books as a patient without JavaScript who arrived by `arrival` (a path and
 * its Referer): the treatment's link, the week's first time, the details
 * step's fields, each page sent with the previous one as Referer.
 */
async function bookThroughThePages(arrival: { path: string; referer?: string }, date: string) {
  const at = clinic()
  const treatments = await (await at.get(arrival.path, arrival.referer ? { Referer: arrival.referer } : {})).text()
  const weekPath = links(treatments).find((link) => link.startsWith('/book?treatment=back-pain'))!
  const weekHtml = await (await at.get(`${weekPath}&week=2045-06-12`, { Referer: `${origin}${arrival.path}` })).text()
  const hidden = Object.fromEntries([...weekHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map((match) => [match[1]!, match[2]!]))
  const start = clinicTime(date, '16:00').getTime()
  expect(weekHtml.includes(`name="start" value="${start}"`), 'the time is offered').toBe(true)
  const detailsPath = `/book/details?${new URLSearchParams({ ...hidden, start: String(start) })}`
  const details = await (await at.get(detailsPath, { Referer: `${origin}${weekPath}` })).text()
  const carried = /<input type="hidden" name="sourceArticle" value="([^"]*)"\/>/.exec(details)?.[1]
  const fields = await detailsFor([new Date(start)], carried ? { sourceArticle: carried } : {})
  const response = await at.post(fields, { headers: { Referer: `${origin}${detailsPath}` } })
  return { response, row: await rowOf(fields.email) }
}

describe('the article a booking came from', () => {
  it('is stored with a booking taken directly by a patient who followed the article’s link through every step', async () => {
    const { response, row } = await bookThroughThePages({ path: `/book?from=${slug}`, referer: `${origin}/articles/${slug}` }, '2045-06-14')
    expect(response.headers.get('Location')).toMatch(/^\/manage\/[0-9a-f]{32}\?done=booked$/)
    expect(row).toMatchObject({ bookedVia: 'direct', sourceArticle: slug })
  })

  it('is stored with a request of a patient who came from an article page, the treatment booked by request', async () => {
    const { response, row } = await asRequest(() => bookThroughThePages({ path: '/book', referer: `${origin}/articles/${slug}` }, '2045-06-15'))
    expect(response.headers.get('Location')).toMatch(/^\/book\/thanks\?ref=/)
    expect(row).toMatchObject({ bookedVia: 'request', sourceArticle: slug })
  })

  it('is left empty for a patient who came from no article', async () => {
    const { row } = await bookThroughThePages({ path: '/book' }, '2045-06-16')
    expect(row.sourceArticle).toBeNull()
  })

  it('is stored from the hidden field of the details step', async () => {
    const fields = await bookingFields({ sourceArticle: slug })
    await clinic().post(fields)
    expect((await rowOf(fields.email)).sourceArticle).toBe(slug)
  })

  it('is stored from the Referer of the form opened by the article’s link', async () => {
    const fields = await bookingFields()
    await clinic().post(fields, { headers: { Referer: `${origin}/book?from=${slug}` } })
    expect((await rowOf(fields.email)).sourceArticle).toBe(slug)
  })

  it('is stored from the Referer of an article page', async () => {
    const row = await storedRow(await post('/contact', await contactFields(), withReferer(`${origin}/articles/${slug}`)))
    expect(row.sourceArticle).toBe(slug)
  })

  it('is dropped without a word for a made-up slug, an unpublished article or another site', async () => {
    const draft = `attribution-draft-${crypto.randomUUID().slice(0, 8)}`
    await db()
      .insert(articles)
      .values({
        id: crypto.randomUUID(),
        slug: draft,
        title: 'Draft',
        description: 'A draft article, not yet published anywhere.',
        tags: [],
        references: [],
        body: 'Draft.',
        state: 'draft',
        updatedAt: new Date(0),
        revision: 1,
        changedAt: new Date(0),
      })
    const madeUp = await bookingFields({ sourceArticle: 'no-such-article' })
    const freeText = await bookingFields({ sourceArticle: '<b>free text</b>' })
    const unpublished = await bookingFields()
    for (const [fields, headers] of [
      [madeUp, {}],
      [freeText, {}],
      [unpublished, { Referer: `${origin}/book?from=${draft}` }],
    ] as const) {
      expect((await clinic().post(fields, { headers })).status).toBe(303)
      expect((await rowOf(fields.email)).sourceArticle).toBeNull()
    }
    const contact = await post('/contact', await contactFields(), withReferer(`https://elsewhere.example/articles/${slug}`))
    expect(contact.status).toBe(303)
    expect((await storedRow(contact)).sourceArticle).toBeNull()
  })

  it('travels with the details step shown again after an error, whose next send has no `from` in its Referer', async () => {
    const fields = await bookingFields({ name: '' })
    const refused = await clinic().post(fields, { headers: { Referer: `${origin}/book?from=${slug}` } })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain(`<input type="hidden" name="sourceArticle" value="${slug}"/>`)
    await clinic().post({ ...fields, name: 'Robin Patient', sourceArticle: slug }, { headers: { Referer: `${origin}/book/details` } })
    expect((await rowOf(fields.email)).sourceArticle).toBe(slug)
  })

  it('travels with the week shown again when the time was just taken', async () => {
    const start = freshStart()
    expect((await clinic().post(await detailsFor([start]))).status).toBe(303)
    const second = await detailsFor([start], { sourceArticle: slug })
    const refused = await clinic().post(second)
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain(`<input type="hidden" name="sourceArticle" value="${slug}"/>`)
  })
})

describe('how the patient heard about the clinic', () => {
  it('is stored when answered and left empty when not', async () => {
    const answered = await bookingFields({ heardFrom: 'friend' })
    await clinic().post(answered)
    expect((await rowOf(answered.email)).heardFrom).toBe('friend')
    expect((await storedRow(await post('/contact', await contactFields({ heardFrom: 'practitioner' })))).heardFrom).toBe('practitioner')
    expect((await storedRow(await post('/contact', await contactFields({ heardFrom: '' })))).heardFrom).toBeNull()
    const unanswered = await bookingFields()
    await clinic().post(unanswered)
    expect((await rowOf(unanswered.email)).heardFrom).toBeNull()
  })

  it('refuses an answer that is not offered, beside the field, and stores nothing', async () => {
    const fields = await contactFields({ heardFrom: 'billboard' })
    const response = await post('/contact', fields)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain(
      '<p id="f-heardFrom-error" class="field-error"><span class="visually-hidden">Error: </span>Choose one of the listed answers to “How did you hear about us?”, or leave it blank</p>',
    )
    expect(html).toContain('href="#f-heardFrom"')
    expect(
      await db()
        .select()
        .from(requests)
        .where(eq(requests.email, fields.email as string)),
    ).toHaveLength(0)
    const json = await clinic().post(await bookingFields({ heardFrom: 'billboard' }), { json: true })
    expect(json.status).toBe(422)
    expect(await json.json()).toEqual({ errors: { heardFrom: ['Choose one of the listed answers to “How did you hear about us?”, or leave it blank'] } })
  })
})

describe('the request page in the inbox', () => {
  it('names the article the patient came from, linked, and how they heard about the clinic', async () => {
    const fields = await bookingFields({ heardFrom: 'social' })
    await clinic().post(fields, { headers: { Referer: `${origin}/articles/${slug}` } })
    const row = await rowOf(fields.email)
    const html = await (await adminGet(session, `/admin/requests/${row.id}`)).text()
    expect(html).toContain(`<dt>Came from the article</dt><dd><a href="/articles/${slug}">${title}</a></dd>`)
    expect(html).toContain('<dt>Heard about us from</dt><dd>Social media</dd>')
  })

  it('says neither for a request that has neither', async () => {
    const row = await storedRow(await post('/contact', await contactFields()))
    const html = await (await adminGet(session, `/admin/requests/${row.id}`)).text()
    expect(html).not.toContain('Came from the article')
    expect(html).not.toContain('Heard about us from')
  })
})
