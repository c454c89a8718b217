import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articleImages, articleRedirects, articleRevisions, articles } from '../../../../src/features/articles/store/schema'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { origin, request } from '../../../helpers/http'
import { articleFields, db, seedArticle, uniqueSlug } from './admin-articles-seed'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const idFrom = (response: Response) => /^\/admin\/articles\/([0-9a-f-]{36})\?done=saved$/.exec(response.headers.get('Location') ?? '')?.[1] ?? ''
const findBySlug = async (slug: string) => (await db().select().from(articles).where(eq(articles.slug, slug)))[0]

describe('writing a new article', () => {
  it('shows an empty form with the CSRF token', async () => {
    const response = await adminGet(session, '/admin/articles/new')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<form method="post" action="/admin/articles"')
    expect(html).toContain(`name="csrf" value="${session.csrf}"`)
    expect(html).toMatch(/<textarea id="f-body" name="body" rows="30"/)
  })

  it('saves a draft at revision 1 with its first revision, deriving the slug from the title', async () => {
    const title = `Needles and Nerves ${crypto.randomUUID().slice(0, 6)}`
    const response = await adminPost(
      session,
      '/admin/articles',
      articleFields({
        title,
        slug: '',
        'ref-0-authors': 'Mu J',
        'ref-0-title': 'A review',
        'ref-0-source': 'Cochrane 2020',
        'ref-0-doi': 'https://doi.org/10.1002/14651858.CD013814',
      }),
    )
    expect(response.status).toBe(303)
    const id = idFrom(response)
    const [row] = await db().select().from(articles).where(eq(articles.id, id))
    expect(row).toMatchObject({
      slug: title.toLowerCase().replaceAll(' ', '-'),
      title,
      state: 'draft',
      revision: 1,
      tags: ['migraine', 'headache'],
      body: 'First line.\nSecond line.\n',
    })
    expect(row!.references).toEqual([{ authors: 'Mu J', title: 'A review', source: 'Cochrane 2020', doi: '10.1002/14651858.CD013814' }])
    const revisions = await db().select().from(articleRevisions).where(eq(articleRevisions.articleId, id))
    expect(revisions).toMatchObject([{ number: 1, action: 'saved', author: 'practitioner', title }])
    const page = await (await adminGet(session, `/admin/articles/${id}?done=saved`)).text()
    expect(page).toContain('<a href="https://doi.org/10.1002/14651858.CD013814">https://doi.org/10.1002/14651858.CD013814</a>')
    expect(page).toContain('Saved.')
  })

  it.each([
    ['title', { title: '' }, 'Enter a title'],
    ['slug', { slug: 'Bad Slug!' }, 'Use lower-case letters, digits and single hyphens'],
    ['description', { description: 'Short.' }, 'The description must be between 50 and 200 characters (it has 6)'],
    ['tags', { tags: ',' }, 'Enter at least one tag'],
    ['body', { body: ' ' }, 'Write the text of the article'],
    [
      'ref-0-doi',
      { 'ref-0-authors': 'Mu J', 'ref-0-title': 'T', 'ref-0-source': 'S', 'ref-0-doi': 'doi-typed-wrong' },
      'Enter the DOI in the form 10.1000/xyz',
    ],
  ])('refuses a bad %s with 422, its message next to the field and in the summary, and every input kept', async (field, overrides, message) => {
    const fields = articleFields({ title: `Kept ${crypto.randomUUID()}`, ...overrides })
    const response = await adminPost(session, '/admin/articles', fields)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('There is a problem')
    expect(html).toContain(`<a href="#f-${field}">${message}`)
    expect(html).toMatch(
      new RegExp(`id="f-${field}-error" class="field-error"><span class="visually-hidden">Error: </span>${message.replace(/[()]/g, '\\$&')}`),
    )
    for (const name of ['title', 'slug', 'description', 'tags']) if (fields[name]) expect(html).toContain(`value="${fields[name]}"`)
    if (fields.body!.trim()) expect(html).toContain(`${fields.body}</textarea>`)
    expect(await findBySlug(fields.slug!)).toBeUndefined()
  })

  it('refuses a slug another article has, or had before', async () => {
    const other = await seedArticle('published')
    const oldSlug = uniqueSlug('old')
    await db().insert(articleRedirects).values({ fromSlug: oldSlug, articleId: other.id })
    for (const slug of [other.slug, oldSlug]) {
      const response = await adminPost(session, '/admin/articles', articleFields({ slug }))
      expect(response.status, slug).toBe(422)
      expect(await response.text()).toContain('Another article has this slug, or had it before')
    }
  })
})

describe('saving an article', () => {
  it('saves the next revision from the revision the form was opened on', async () => {
    const article = await seedArticle()
    const response = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, title: 'Changed title', revision: '1' }))
    expect(response.status).toBe(303)
    expect(await findBySlug(article.slug)).toMatchObject({ title: 'Changed title', revision: 2, importedHash: null })
    const revisions = await db().select().from(articleRevisions).where(eq(articleRevisions.articleId, article.id)).orderBy(articleRevisions.number)
    expect(revisions.map((row) => [row.number, row.title, row.action])).toEqual([
      [1, 'Seeded article', 'saved'],
      [2, 'Changed title', 'saved'],
    ])
  })

  it('refuses to save over a revision saved in another tab: 409 with both texts and their diff, nothing written', async () => {
    const article = await seedArticle()
    const first = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, body: 'Their line.\n', revision: '1' }))
    expect(first.status).toBe(303)
    const second = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, body: 'My <line> & more.\n', revision: '1' }))
    expect(second.status).toBe(409)
    const html = await second.text()
    expect(html).toContain('Their line.\n</textarea>')
    expect(html).toContain('name="body" rows="30" required="">My &lt;line&gt; &amp; more.\n</textarea>')
    expect(html).toContain('<input type="hidden" name="revision" value="2"')
    expect(html).toContain('<del>- Their line.\n</del><ins>+ My &lt;line&gt; &amp; more.\n</ins>')
    expect(await findBySlug(article.slug)).toMatchObject({ body: 'Their line.\n', revision: 2 })
    expect(await db().select().from(articleRevisions).where(eq(articleRevisions.articleId, article.id))).toHaveLength(2)
  })

  it('keeps the revision the form was opened on when a save is refused as invalid', async () => {
    const article = await seedArticle()
    await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, revision: '1' }))
    const refused = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, title: '', revision: '1' }))
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('<input type="hidden" name="revision" value="1"/>')
  })

  it('answers 404 for an unknown article', async () => {
    expect((await adminGet(session, `/admin/articles/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await adminPost(session, `/admin/articles/${crypto.randomUUID()}`, articleFields({ revision: '1' }))).status).toBe(404)
  })
})

describe('texts that would take pages down', () => {
  it.each([
    ['2,000 quote marks', '>'.repeat(2_000), 'Quotes and lists can be nested at most 10 levels deep'],
    [
      '`*a` 50,000 times',
      '*a'.repeat(50_000),
      'Too many emphasis marks (*, _ or ~): at most 100 in one paragraph and 2,000 in the whole text. Put a backslash before a mark meant literally (\\*)',
    ],
  ])('refuses %s with 422 and the reason beside the text, writing nothing', async (_, body, problem) => {
    const beside = `<p id="f-body-error" class="field-error"><span class="visually-hidden">Error: </span>${problem}</p>`
    const created = articleFields({ body })
    const refusedNew = await adminPost(session, '/admin/articles', created)
    expect(refusedNew.status).toBe(422)
    expect(await refusedNew.text()).toContain(beside)
    expect(await findBySlug(created.slug!)).toBeUndefined()
    const article = await seedArticle()
    const refusedEdit = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, body, revision: '1' }))
    expect(refusedEdit.status).toBe(422)
    expect(await refusedEdit.text()).toContain(beside)
    expect(await findBySlug(article.slug)).toMatchObject({ body: article.body, revision: 1 })
  })
})

describe('access', () => {
  const paths = (id: string) => [
    `/admin/articles/new`,
    `/admin/articles/${id}`,
    `/admin/articles/${id}/revisions`,
    `/admin/articles/${id}/revisions/1`,
    `/admin/articles/${id}/diff?from=1&to=1`,
    `/admin/articles/${id}/export.md`,
    '/admin/articles/export.zip',
  ]
  const posts = (id: string) => ['/admin/articles', `/admin/articles/${id}`, `/admin/articles/${id}/revisions/1/restore`]

  it('sends strangers to sign in and refuses their posts, showing nothing of the article', async () => {
    const article = await seedArticle('draft', { title: `Secret ${crypto.randomUUID()}` })
    for (const path of paths(article.id)) {
      const response = await request(path, { redirect: 'manual' })
      expect(response.status, path).toBe(303)
      expect(response.headers.get('Location'), path).toMatch(/^\/admin\/login\?next=/)
      expect(await response.text(), path).not.toContain(article.title)
    }
    for (const path of posts(article.id)) {
      const init = {
        method: 'POST',
        redirect: 'manual' as const,
        headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(articleFields({ revision: '1' })).toString(),
      }
      expect((await request(path, init)).status, path).toBe(401)
    }
    expect(await findBySlug(article.slug)).toMatchObject({ revision: 1 })
  })

  it('refuses every post without the CSRF token, writing nothing', async () => {
    const article = await seedArticle()
    for (const path of posts(article.id)) {
      const response = await adminPost(session, path, articleFields({ slug: article.slug, revision: '1', csrf: '' }))
      expect(response.status, path).toBe(403)
    }
    const revisions = await db()
      .select()
      .from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, article.id)))
    expect(revisions).toHaveLength(1)
  })
})

describe('adding an uploaded image', () => {
  it('opens the form with the image Markdown appended and a notice, nothing saved', async () => {
    const article = await seedArticle()
    const hash = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('')
    await db()
      .insert(articleImages)
      .values({ hash, contentType: 'image/webp', width: 800, height: 600, byteSize: 1234, alt: 'Needles [close up]', createdAt: new Date(0) })
    const html = await (await adminGet(session, `/admin/articles/${article.id}?insert=${hash}`)).text()
    expect(html).toContain(`Seeded text.\n\n![Needles \\[close up\\]](/images/${hash}.webp)\n</textarea>`)
    expect(html).toContain('Image added at the end: save to keep it.')
    expect(await findBySlug(article.slug)).toMatchObject({ body: 'Seeded text.\n', revision: 1 })
  })

  it('shows the plain form for an unknown image', async () => {
    const article = await seedArticle()
    const html = await (await adminGet(session, `/admin/articles/${article.id}?insert=${'0'.repeat(64)}`)).text()
    expect(html).toContain('Seeded text.\n</textarea>')
    expect(html).not.toContain('Image added')
  })
})
