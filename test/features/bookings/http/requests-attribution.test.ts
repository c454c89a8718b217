import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../../../src/features/articles/store/schema'
import { requests } from '../../../../src/features/bookings/store/schema'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { bookingFields, contactFields, db, post, referenceFrom } from '../../../helpers/forms'
import { origin, request } from '../../../helpers/http'

const slug = 'low-back-pain-relief-acupuncture'
const title = 'Effective Low Back Pain Relief with Acupuncture'

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
  it('are the same page whatever article they were opened from: the source is read when the form is sent', async () => {
    const withoutToken = async (path: string) => (await (await request(path)).text()).replace(/value="\d{13}\.[0-9a-f]{64}"/, '')
    const plain = await withoutToken('/book')
    expect(await withoutToken(`/book?from=${slug}`)).toBe(plain)
    expect(plain).not.toContain('sourceArticle')
  })

  it('ask "How did you hear about us?" as an optional select with every answer', async () => {
    for (const path of ['/book', '/contact']) {
      const html = await (await request(path)).text()
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

describe('the article a request came from', () => {
  it('is stored from the hidden field of a form shown again', async () => {
    const row = await storedRow(await post('/book', await bookingFields({ sourceArticle: slug })))
    expect(row.sourceArticle).toBe(slug)
  })

  it('is stored from the Referer of the form opened by the article’s link', async () => {
    const row = await storedRow(await post('/book', await bookingFields(), withReferer(`${origin}/book?from=${slug}`)))
    expect(row.sourceArticle).toBe(slug)
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
    const sent = [
      await post('/book', await bookingFields({ sourceArticle: 'no-such-article' })),
      await post('/book', await bookingFields({ sourceArticle: '<b>free text</b>' })),
      await post('/book', await bookingFields(), withReferer(`${origin}/book?from=${draft}`)),
      await post('/contact', await contactFields(), withReferer(`https://elsewhere.example/articles/${slug}`)),
    ]
    for (const response of sent) {
      expect(response.status).toBe(303)
      expect((await storedRow(response)).sourceArticle).toBeNull()
    }
  })

  it('travels with a form shown again after an error, whose next send has no `from` in its Referer', async () => {
    const fields = await bookingFields({ name: '' })
    const refused = await post('/book', fields, withReferer(`${origin}/book?from=${slug}`))
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain(`<input type="hidden" name="sourceArticle" value="${slug}"/>`)
    const row = await storedRow(await post('/book', { ...fields, name: 'Robin Patient', sourceArticle: slug }, withReferer(`${origin}/book`)))
    expect(row.sourceArticle).toBe(slug)
  })
})

describe('how the patient heard about the clinic', () => {
  it('is stored when answered and left empty when not', async () => {
    expect((await storedRow(await post('/book', await bookingFields({ heardFrom: 'friend' })))).heardFrom).toBe('friend')
    expect((await storedRow(await post('/contact', await contactFields({ heardFrom: 'practitioner' })))).heardFrom).toBe('practitioner')
    expect((await storedRow(await post('/contact', await contactFields({ heardFrom: '' })))).heardFrom).toBeNull()
    expect((await storedRow(await post('/book', await bookingFields()))).heardFrom).toBeNull()
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
    const json = await post('/book', await bookingFields({ heardFrom: 'billboard' }), { json: true })
    expect(json.status).toBe(422)
    expect(await json.json()).toEqual({ errors: { heardFrom: ['Choose one of the listed answers to “How did you hear about us?”, or leave it blank'] } })
  })
})

describe('the request page in the inbox', () => {
  it('names the article the patient came from, linked, and how they heard about the clinic', async () => {
    const row = await storedRow(await post('/book', await bookingFields({ heardFrom: 'social' }), withReferer(`${origin}/articles/${slug}`)))
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
