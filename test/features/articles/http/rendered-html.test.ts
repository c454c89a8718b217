import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { articleHtml, rendererVersion } from '../../../../src/features/articles/article-html'
import { buildImportStatements, readArticleFile } from '../../../../src/features/articles/import-sql'
import { insertImage } from '../../../../src/features/articles/store/article-images'
import { storeRenderedHtml } from '../../../../src/features/articles/store/articles'
import { articles } from '../../../../src/features/articles/store/schema'
import { type AdminSession, adminPost, signIn } from '../../../helpers/admin'
import { request } from '../../../helpers/http'
import { articleFields, db, seedArticle, uniqueSlug } from './admin-articles-seed'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const stored = async (id: string) => (await db().select().from(articles).where(eq(articles.id, id)))[0]!
const storedBySlug = async (slug: string) => (await db().select().from(articles).where(eq(articles.slug, slug)))[0]!
const pageOf = async (slug: string) => {
  const response = await request(`/articles/${slug}`)
  expect(response.status).toBe(200)
  return response.text()
}

describe('an article rendered when it is written', () => {
  it('stores a new draft with its HTML and the renderer version', async () => {
    const slug = uniqueSlug('rendered-new')
    const response = await adminPost(session, '/admin/articles', articleFields({ slug, body: 'A *new* draft.' }))
    expect(response.status).toBe(303)
    expect(await storedBySlug(slug)).toMatchObject({ renderedHtml: '<p>A <em>new</em> draft.</p>\n', rendererVersion })
  })

  it('stores the HTML of a published article saved with a new text and a new slug, and its page serves it', async () => {
    const article = await seedArticle('published', { body: 'The first text.\n' })
    const slug = uniqueSlug('rendered-renamed')
    const response = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug, body: 'The **second** text.', revision: '1' }))
    expect(response.status).toBe(303)
    expect(await stored(article.id)).toMatchObject({ slug, revision: 2, renderedHtml: '<p>The <strong>second</strong> text.</p>\n', rendererVersion })
    expect(await pageOf(slug)).toContain('<p>The <strong>second</strong> text.</p>')
  })

  it('stores the HTML of a draft published now, whose row had none', async () => {
    const article = await seedArticle('draft', { body: 'Published *now*.\n' })
    expect((await stored(article.id)).renderedHtml).toBeNull()
    const response = await adminPost(session, `/admin/articles/${article.id}/publish`, { revision: '1' })
    expect(response.status).toBe(303)
    expect(await stored(article.id)).toMatchObject({ state: 'published', renderedHtml: '<p>Published <em>now</em>.</p>\n', rendererVersion })
  })

  it('stores the HTML of a restored revision', async () => {
    const article = await seedArticle('published', { body: 'The *original* text.\n' })
    await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, body: 'An edit.', revision: '1' }))
    const response = await adminPost(session, `/admin/articles/${article.id}/revisions/1/restore`, { revision: '2' })
    expect(response.status).toBe(303)
    expect(await stored(article.id)).toMatchObject({ revision: 3, renderedHtml: '<p>The <em>original</em> text.</p>\n', rendererVersion })
  })
})

describe('the public page', () => {
  it('serves the stored HTML without reading the Markdown', async () => {
    const article = await seedArticle('published', {
      body: 'What the Markdown would show.\n',
      renderedHtml: '<p>What the renderer stored.</p>\n',
      rendererVersion,
    })
    const html = await pageOf(article.slug)
    expect(html).toContain('<p>What the renderer stored.</p>')
    expect(html).not.toContain('What the Markdown would show.')
  })

  it('renders a row stored by an older renderer from its Markdown once, and stores the result', async () => {
    const article = await seedArticle('published', {
      body: 'Rendered **again**.\n',
      renderedHtml: '<p>From the older renderer.</p>\n',
      rendererVersion: rendererVersion - 1,
    })
    const html = await pageOf(article.slug)
    expect(html).toContain('<p>Rendered <strong>again</strong>.</p>')
    expect(html).not.toContain('From the older renderer.')
    expect(await stored(article.id)).toMatchObject({ revision: 1, renderedHtml: '<p>Rendered <strong>again</strong>.</p>\n', rendererVersion })
  })

  it('renders a row with no HTML (from before the column) and stores it', async () => {
    const article = await seedArticle('published', { body: 'Never *rendered* before.\n' })
    expect(await pageOf(article.slug)).toContain('<p>Never <em>rendered</em> before.</p>')
    expect(await stored(article.id)).toMatchObject({ renderedHtml: '<p>Never <em>rendered</em> before.</p>\n', rendererVersion })
  })

  it('never replaces HTML a newer renderer stored: this deployment serves its own render and leaves the row', async () => {
    const newer = { renderedHtml: '<p>From a newer renderer.</p>\n', rendererVersion: rendererVersion + 1 }
    const article = await seedArticle('published', { body: 'This *deployment* renders.\n', ...newer })
    expect(await pageOf(article.slug)).toContain('<p>This <em>deployment</em> renders.</p>')
    expect(await stored(article.id)).toMatchObject(newer)
  })

  it('never stores a render of a text saved over meanwhile', async () => {
    const article = await seedArticle('published', { body: 'The text the view read.\n' })
    const readByTheView = await stored(article.id)
    await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, body: 'The text saved meanwhile.', revision: '1' }))
    expect(await articleHtml(db(), readByTheView)).toEqual({ ok: true, html: '<p>The text the view read.</p>\n' })
    expect(await stored(article.id)).toMatchObject({ revision: 2, renderedHtml: '<p>The text saved meanwhile.</p>\n', rendererVersion })
  })
})

describe('storing a render', () => {
  it('stores over no HTML or an older renderer, never over the same or a newer one, nor at another revision', async () => {
    const article = await seedArticle('published')
    const at = { id: article.id, revision: 1 }
    expect(await storeRenderedHtml(db(), { ...at, revision: 2 }, { renderedHtml: '<p>Stale text</p>', rendererVersion: 5 })).toBe(false)
    expect(await storeRenderedHtml(db(), at, { renderedHtml: '<p>Four</p>', rendererVersion: 4 })).toBe(true)
    expect(await storeRenderedHtml(db(), at, { renderedHtml: '<p>Three</p>', rendererVersion: 3 })).toBe(false)
    expect(await storeRenderedHtml(db(), at, { renderedHtml: '<p>Four again</p>', rendererVersion: 4 })).toBe(false)
    expect(await storeRenderedHtml(db(), at, { renderedHtml: '<p>Five</p>', rendererVersion: 5 })).toBe(true)
    expect(await stored(article.id)).toMatchObject({ renderedHtml: '<p>Five</p>', rendererVersion: 5 })
  })

  it('drops the HTML of a text that showed an image before it was uploaded, so the next render has its size', async () => {
    const hash = 'ab'.repeat(32)
    const article = await seedArticle('published', { body: `![Cups](/images/${hash}.webp)\n` })
    await pageOf(article.slug)
    expect((await stored(article.id)).renderedHtml).toBe(`<p><img src="/images/${hash}.webp" alt="Cups"></p>\n`)
    await insertImage(db(), { hash, contentType: 'image/webp', width: 640, height: 480, byteSize: 1000, alt: 'Cups' }, new Date('2020-01-01T00:00:00Z'))
    const row = await stored(article.id)
    expect(row).toMatchObject({ renderedHtml: null, rendererVersion: null })
    expect(await articleHtml(db(), row)).toEqual({ ok: true, html: `<p><img src="/images/${hash}.webp" alt="Cups" width="640" height="480"></p>\n` })
  })
})

describe('the import of the repository’s articles', () => {
  const file = (body: string) =>
    [
      '---',
      'title: Imported',
      'description: A description long enough to pass the minimum length of fifty characters.',
      'published: 2079-03-08',
      'tags: [sleep]',
      '---',
      body,
    ].join('\n')
  const importFile = async (slug: string, body: string) => {
    const statements = buildImportStatements([await readArticleFile(`${slug}.md`, file(body))], {
      now: new Date('2079-04-01T12:00:00Z'),
      timeZone: defaultPractice.timeZone,
    })
    await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)))
  }

  it('stores no HTML: the first view renders and stores it, and a changed file drops it again', async () => {
    const slug = uniqueSlug('rendered-import')
    await importFile(slug, '\nImported *once*.\n')
    expect(await storedBySlug(slug)).toMatchObject({ renderedHtml: null, rendererVersion: null })
    expect(await pageOf(slug)).toContain('<p>Imported <em>once</em>.</p>')
    expect(await storedBySlug(slug)).toMatchObject({ renderedHtml: '<p>Imported <em>once</em>.</p>\n', rendererVersion })
    await importFile(slug, '\nImported *twice*.\n')
    expect(await storedBySlug(slug)).toMatchObject({ body: '\nImported *twice*.\n', renderedHtml: null, rendererVersion: null })
  })
})
