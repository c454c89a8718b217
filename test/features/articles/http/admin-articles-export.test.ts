import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { parseArticleFile } from '../../../../src/features/articles/article-file'
import source from '../../../../src/features/articles/content/low-back-pain-relief-acupuncture.md'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { seedArticle, uniqueSlug } from './admin-articles-seed'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** The repository's article as a published row, first published on its file's date. */
async function seedRepositoryArticle() {
  const { frontmatter, body } = parseArticleFile('low-back-pain-relief-acupuncture.md', source)
  const { title, description, tags, references } = frontmatter
  const firstPublishedAt = zonedInstant(frontmatter.published, '09:00', practice.timeZone)
  return seedArticle('published', { slug: uniqueSlug('low-back-pain'), title, description, tags, references, body, firstPublishedAt })
}

describe('export', () => {
  it('downloads one article as the Markdown file it was imported from, as an attachment never stored', async () => {
    const article = await seedRepositoryArticle()
    const response = await adminGet(session, `/admin/articles/${article.id}/export.md`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${article.slug}.md"`)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const file = await response.text()
    expect(file).toBe(source)
    expect(parseArticleFile(`${article.slug}.md`, file).frontmatter.references).toEqual(article.references)
  })

  it('adds "updated" once the published text changed on a later day', async () => {
    const firstPublishedAt = zonedInstant('2026-03-01', '10:00', practice.timeZone)
    const updatedAt = zonedInstant('2026-04-02', '10:00', practice.timeZone)
    const article = await seedArticle('published', { firstPublishedAt, updatedAt })
    const { frontmatter } = parseArticleFile('x.md', await (await adminGet(session, `/admin/articles/${article.id}/export.md`)).text())
    expect(frontmatter).toMatchObject({ published: '2026-03-01', updated: '2026-04-02' })
  })

  it('downloads every article in one zip of Markdown files that parse', async () => {
    const article = await seedRepositoryArticle()
    const draft = await seedArticle('draft')
    const response = await adminGet(session, '/admin/articles/export.zip')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/zip')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="articles-\d{4}-\d{2}-\d{2}\.zip"$/)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
    expect(strFromU8(files[`${article.slug}.md`]!)).toBe(source)
    expect(parseArticleFile('draft.md', strFromU8(files[`${draft.slug}.md`]!)).frontmatter.title).toBe(draft.title)
  })

  it('answers 404 for an unknown article', async () => {
    expect((await adminGet(session, `/admin/articles/${crypto.randomUUID()}/export.md`)).status).toBe(404)
  })
})
