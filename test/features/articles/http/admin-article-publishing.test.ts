import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../../../src/features/articles/store/schema'
import { readContentVersion } from '../../../../src/platform/site-state'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { origin, request } from '../../../helpers/http'
import { readArticle, revisionsOf, storeArticle } from '../../../helpers/publishing'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const actionsOf = async (id: string) => (await revisionsOf(id)).map(({ number, author, action }) => ({ number, author, action }))

describe('publishing now', () => {
  it('publishes a draft with a revision and bumps the content version', async () => {
    const article = await storeArticle()
    const version = await readContentVersion(db())
    const response = await adminPost(session, `/admin/articles/${article.id}/publish`, { revision: String(article.revision) })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/articles?done=published')
    const row = await readArticle(article.id)
    expect(row).toMatchObject({ state: 'published', revision: 2, updatedAt: null, body: article.body })
    expect(row.firstPublishedAt).toEqual(row.changedAt)
    expect(await actionsOf(article.id)).toEqual([
      { number: 1, author: 'practitioner', action: 'saved' },
      { number: 2, author: 'practitioner', action: 'published' },
    ])
    expect(await readContentVersion(db())).toBeGreaterThan(version)
  })

  it('keeps the first publication date when republished, and sets "updated" only when the text was edited', async () => {
    const firstPublishedAt = new Date('2026-06-01T16:00:00Z')
    const article = await storeArticle()
    expect((await adminPost(session, `/admin/articles/${article.id}/publish`, { revision: '1' })).status).toBe(303)
    // As if published in June, then unpublished: the same text goes live again without "updated".
    await db().update(articles).set({ state: 'draft', firstPublishedAt }).where(eq(articles.id, article.id))
    expect((await adminPost(session, `/admin/articles/${article.id}/publish`, { revision: '2' })).status).toBe(303)
    expect(await readArticle(article.id)).toMatchObject({ firstPublishedAt, updatedAt: null })
    await db().update(articles).set({ state: 'draft', body: 'An edited text.' }).where(eq(articles.id, article.id))
    expect((await adminPost(session, `/admin/articles/${article.id}/publish`, { revision: '3' })).status).toBe(303)
    const row = await readArticle(article.id)
    expect(row.firstPublishedAt).toEqual(firstPublishedAt)
    expect(row.updatedAt).toEqual(row.changedAt)
  })
})

describe('unpublishing and archiving', () => {
  it('takes a published article back to draft, with a revision and a version bump', async () => {
    const article = await storeArticle({ state: 'published', firstPublishedAt: new Date('2026-06-01T16:00:00Z') })
    const version = await readContentVersion(db())
    const response = await adminPost(session, `/admin/articles/${article.id}/unpublish`, { revision: String(article.revision) })
    expect(response.headers.get('Location')).toBe('/admin/articles?done=unpublished')
    expect(await readArticle(article.id)).toMatchObject({ state: 'draft', revision: 2 })
    expect((await actionsOf(article.id)).at(-1)).toEqual({ number: 2, author: 'practitioner', action: 'unpublished' })
    expect(await readContentVersion(db())).toBeGreaterThan(version)
  })

  it('archives a published article', async () => {
    const article = await storeArticle({ state: 'published', firstPublishedAt: new Date('2026-06-01T16:00:00Z') })
    const version = await readContentVersion(db())
    const response = await adminPost(session, `/admin/articles/${article.id}/archive`, { revision: '1' })
    expect(response.headers.get('Location')).toBe('/admin/articles?done=archived')
    expect(await readArticle(article.id)).toMatchObject({ state: 'archived', revision: 2 })
    expect((await actionsOf(article.id)).at(-1)?.action).toBe('archived')
    expect(await readContentVersion(db())).toBeGreaterThan(version)
  })
})

describe('refused changes', () => {
  it.each([
    ['publish', 'archived', 'cannot be published'],
    ['publish', 'published', 'cannot be published'],
    ['unpublish', 'draft', 'cannot be unpublished'],
    ['archive', 'archived', 'cannot be archived'],
    ['schedule', 'published', 'cannot be scheduled'],
  ] as const)('refuses to %s an article that is %s with 409, writing nothing', async (action, state, words) => {
    const article = await storeArticle({ state })
    const response = await adminPost(session, `/admin/articles/${article.id}/${action}`, { revision: '1', date: '2090-01-09', time: '09:00' })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain(words)
    expect(await readArticle(article.id)).toMatchObject({ state, revision: 1 })
    expect(await revisionsOf(article.id)).toHaveLength(1)
  })

  it('answers 409 when the article changed between the read and the guarded write', async () => {
    const article = await storeArticle()
    const racing = wrapBinding(env.DB, {
      batch: async (statements) => {
        await env.DB.prepare(`update articles set state = 'archived', revision = revision + 1 where id = ?`).bind(article.id).run()
        return env.DB.batch(statements)
      },
    })
    const response = await adminPost(session, `/admin/articles/${article.id}/publish`, { revision: '1' }, { DB: racing })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('changed meanwhile')
    expect(await readArticle(article.id)).toMatchObject({ state: 'archived', firstPublishedAt: null })
    expect(await revisionsOf(article.id)).toHaveLength(1)
  })

  it('answers 404 for an article that does not exist', async () => {
    expect((await adminPost(session, `/admin/articles/${crypto.randomUUID()}/publish`, { revision: '1' })).status).toBe(404)
  })
})

describe('access', () => {
  it('refuses a stranger and a post without the CSRF token, changing nothing', async () => {
    const article = await storeArticle()
    const stranger = await request(`/admin/articles/${article.id}/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(stranger.status).toBe(401)
    const forged = await adminPost(session, `/admin/articles/${article.id}/publish`, { csrf: '0'.repeat(64), revision: '1' })
    expect(forged.status).toBe(403)
    expect((await readArticle(article.id)).state).toBe('draft')
  })
})

/** The hidden fields of the page's form posting to `action`, as the browser would send them. */
function hiddenFieldsOf(page: string, action: string): Record<string, string> {
  const start = page.indexOf(`action="${action}"`)
  const form = start === -1 ? '' : page.slice(start, page.indexOf('</form>', start))
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [name!, value!]))
}

describe('the revision the page showed', () => {
  it.each([
    ['publish', 'draft'],
    ['unpublish', 'published'],
    ['archive', 'published'],
    ['schedule', 'draft'],
  ] as const)(
    'the list’s %s form carries the revision it showed, and posting it after another tab saved a new text writes nothing: 409',
    async (action, state) => {
      const article = await storeArticle({ state })
      const list = await (await adminGet(session, '/admin/articles')).text()
      const fields = hiddenFieldsOf(list, `/admin/articles/${article.id}/${action}`)
      expect(fields.revision).toBe('1')
      // Another tab saves a half-written text after the list was opened.
      await db().update(articles).set({ body: 'Half-written', revision: 2 }).where(eq(articles.id, article.id))
      const response = await adminPost(session, `/admin/articles/${article.id}/${action}`, { ...fields, date: '2090-01-09', time: '09:00' })
      expect(response.status).toBe(409)
      expect(await response.text()).toContain('This article was changed after this page was opened (it is now at revision 2, “')
      expect(await readArticle(article.id)).toMatchObject({ state, revision: 2, body: 'Half-written' })
      expect(await revisionsOf(article.id)).toHaveLength(1)
    },
  )

  it('the edit page’s Publish now carries the revision it showed and publishes it', async () => {
    const article = await storeArticle({ revision: 3 })
    const page = await (await adminGet(session, `/admin/articles/${article.id}`)).text()
    const fields = hiddenFieldsOf(page, `/admin/articles/${article.id}/publish`)
    expect(fields.revision).toBe('3')
    expect((await adminPost(session, `/admin/articles/${article.id}/publish`, fields)).status).toBe(303)
    expect(await readArticle(article.id)).toMatchObject({ state: 'published', revision: 4 })
  })

  it('refuses a form without the revision with 400, writing nothing', async () => {
    const article = await storeArticle()
    const response = await adminPost(session, `/admin/articles/${article.id}/publish`)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('The form is missing the revision it was opened on')
    expect(await readArticle(article.id)).toMatchObject({ state: 'draft', revision: 1 })
  })
})
