import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articleRedirects, articleRevisions, articles } from '../../../../src/features/articles/store/schema'
import { readContentVersion } from '../../../../src/platform/site-state'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { articleFields, db, seedArticle, uniqueSlug } from './admin-articles-seed'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const revisionsOf = (id: string) => db().select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).orderBy(articleRevisions.number)
const redirectsOf = async (id: string) =>
  (await db().select().from(articleRedirects).where(eq(articleRedirects.articleId, id))).map((row) => row.fromSlug).sort()
const articleOf = async (id: string) => (await db().select().from(articles).where(eq(articles.id, id)))[0]!
const save = (id: string, revision: number, fields: Record<string, string>) =>
  adminPost(session, `/admin/articles/${id}`, articleFields({ ...fields, revision: String(revision) }))

describe('revisions', () => {
  it('lists every save, shows one, compares two line by line, and never changes an earlier one', async () => {
    const article = await seedArticle()
    expect((await save(article.id, 1, { slug: article.slug, body: 'One.\nTwo.\n' })).status).toBe(303)
    const before = await revisionsOf(article.id)
    expect((await save(article.id, 2, { slug: article.slug, body: 'One.\nThree.\n' })).status).toBe(303)
    const after = await revisionsOf(article.id)
    expect(after.slice(0, 2)).toEqual(before)
    expect(after.map((row) => row.number)).toEqual([1, 2, 3])

    const list = await (await adminGet(session, `/admin/articles/${article.id}/revisions`)).text()
    for (const number of [1, 2, 3]) expect(list).toContain(`<a href="/admin/articles/${article.id}/revisions/${number}">${number}</a>`)
    expect(list).toContain(`/admin/articles/${article.id}/diff?from=2&amp;to=3`)

    const one = await (await adminGet(session, `/admin/articles/${article.id}/revisions/2`)).text()
    expect(one).toContain('One.\nTwo.\n</textarea>')
    expect(one).toContain(`action="/admin/articles/${article.id}/revisions/2/restore"`)

    const diff = await (await adminGet(session, `/admin/articles/${article.id}/diff?from=2&to=3`)).text()
    expect(diff).toContain('  One.\n<del>- Two.\n</del><ins>+ Three.\n</ins>')
  })

  it('answers 404 for a revision the article does not have', async () => {
    const article = await seedArticle()
    for (const path of [`/revisions/2`, `/revisions/x`, `/diff?from=1&to=9`, `/diff?from=1`]) {
      expect((await adminGet(session, `/admin/articles/${article.id}${path}`)).status, path).toBe(404)
    }
  })

  it('restores a revision as a new one, the slug kept, the restored one untouched', async () => {
    const article = await seedArticle()
    await save(article.id, 1, { slug: article.slug, title: 'Second title', body: 'Second.\n' })
    const restored = await adminPost(session, `/admin/articles/${article.id}/revisions/1/restore`, { revision: '2' })
    expect(restored.status).toBe(303)
    expect(restored.headers.get('Location')).toBe(`/admin/articles/${article.id}?done=restored`)
    expect(await articleOf(article.id)).toMatchObject({ title: 'Seeded article', body: 'Seeded text.\n', slug: article.slug, revision: 3 })
    const rows = await revisionsOf(article.id)
    expect(rows.map((row) => [row.number, row.title, row.action])).toEqual([
      [1, 'Seeded article', 'saved'],
      [2, 'Second title', 'saved'],
      [3, 'Seeded article', 'restored revision 1'],
    ])
  })

  it('refuses a restore from a page opened before another save, with 409 and nothing written', async () => {
    const article = await seedArticle()
    await save(article.id, 1, { slug: article.slug, body: 'Newer.\n' })
    expect((await adminPost(session, `/admin/articles/${article.id}/revisions/1/restore`, { revision: '1' })).status).toBe(409)
    expect(await revisionsOf(article.id)).toHaveLength(2)
  })
})

describe('slug changes', () => {
  it('keeps the old slug of a published article as a redirect, and drops it when the slug changes back', async () => {
    const article = await seedArticle('published')
    const renamed = uniqueSlug('renamed')
    expect((await save(article.id, 1, { slug: renamed })).status).toBe(303)
    expect(await redirectsOf(article.id)).toEqual([article.slug])
    expect((await save(article.id, 2, { slug: article.slug })).status).toBe(303)
    expect(await redirectsOf(article.id)).toEqual([renamed])
    expect(await articleOf(article.id)).toMatchObject({ slug: article.slug, revision: 3 })
  })

  it('leaves no redirect behind a draft that was never published', async () => {
    const article = await seedArticle('draft')
    expect((await save(article.id, 1, { slug: uniqueSlug('draft-renamed') })).status).toBe(303)
    expect(await redirectsOf(article.id)).toEqual([])
  })

  it('writes no redirect when the save loses to another tab', async () => {
    const article = await seedArticle('published')
    await save(article.id, 1, { slug: article.slug, body: 'Theirs.\n' })
    expect((await save(article.id, 1, { slug: uniqueSlug('lost') })).status).toBe(409)
    expect(await redirectsOf(article.id)).toEqual([])
  })
})

describe('public pages', () => {
  it('a published article: the content version bumped with the save', async () => {
    const article = await seedArticle('published')
    const version = await readContentVersion(db())
    const renamed = uniqueSlug('live')
    const response = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: renamed, revision: '1' }))
    expect(response.status).toBe(303)
    expect(await readContentVersion(db())).toBeGreaterThan(version)
    expect((await articleOf(article.id)).updatedAt).not.toBeNull()
  })

  it('a draft: no version bump', async () => {
    const article = await seedArticle('draft')
    const version = await readContentVersion(db())
    const response = await adminPost(session, `/admin/articles/${article.id}`, articleFields({ slug: article.slug, revision: '1' }))
    expect(response.status).toBe(303)
    expect(await readContentVersion(db())).toBe(version)
  })
})
