import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { previewRoutes } from '../../../../src/features/articles/http/preview'
import { readPreviewExpiry, signPreviewToken } from '../../../../src/features/articles/preview-link'
import { withDatabase } from '../../../../src/platform/database'
import type { AppEnv } from '../../../../src/platform/env'
import { origin, request } from '../../../helpers/http'
import { storeArticle } from '../../../helpers/publishing'

const hourMs = 3_600_000
const now = new Date('2027-01-04T10:00:00Z')
/** The shared preview with its clock fixed at `now`, over the real bindings. */
const previewAt = (clock: Date) => {
  const app = new Hono<AppEnv>().use(withDatabase()).route('/preview', previewRoutes({ clock: () => clock }))
  return (token: string) => app.request(new URL(`/preview/${token}`, origin).href, {}, env)
}
const sign = (id: string, expires: Date) => signPreviewToken(env.SESSION_SECRET, id, expires)

describe('a shared preview link', () => {
  it('shows the article’s current draft with the preview banner until it expires', async () => {
    const article = await storeArticle()
    const token = await sign(article.id, new Date(now.getTime() + hourMs))
    const response = await previewAt(now)(token)
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('<strong>Preview: not published.</strong>')
    expect(page).toContain('<meta name="robots" content="noindex"/>')
    expect(page).toContain(`<h1>${article.title}</h1>`)
    expect(page).toContain(`The end of ${article.slug}.`)
  })

  it('answers 410 once expired', async () => {
    const article = await storeArticle()
    const token = await sign(article.id, now)
    const response = await previewAt(now)(token)
    expect(response.status).toBe(410)
    const page = await response.text()
    expect(page).toContain('This preview link has expired')
    expect(page).not.toContain(article.title)
  })

  it.each([
    ['an altered expiry', (token: string) => token.replace(/\.(\d+)\./, (_, ms: string) => `.${Number(ms) + hourMs}.`)],
    ['an altered signature', (token: string) => token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')],
    ['a malformed token', () => 'not-a-token'],
  ])('answers 404 to %s', async (_, alter) => {
    const article = await storeArticle()
    const token = await sign(article.id, new Date(now.getTime() + hourMs))
    expect((await previewAt(now)(alter(token))).status).toBe(404)
  })

  it('refuses one article’s token pointed at another article', async () => {
    const [shared, other] = [await storeArticle(), await storeArticle()]
    const token = await sign(shared.id, new Date(now.getTime() + hourMs))
    const response = await previewAt(now)(token.replace(shared.id, other.id))
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain(other.title)
  })

  it('answers 404 for an article erased since the link was made', async () => {
    expect((await previewAt(now)(await sign(crypto.randomUUID(), new Date(now.getTime() + hourMs)))).status).toBe(404)
  })
})

describe('a preview of a text that would take the page down', () => {
  it.each([
    ['2,000 quote marks', '>'.repeat(2_000), 'Quotes and lists can be nested at most 10 levels deep.'],
    ['`*a` 50,000 times', '*a'.repeat(50_000), 'Too many emphasis marks (*, _ or ~)'],
  ])('says what to change in a body of %s, through the Worker, and other previews still show', async (_, body, problem) => {
    const bad = await storeArticle({ body })
    const good = await storeArticle()
    // The Worker reads the real clock: a day's lifetime keeps the links valid whenever the test runs.
    const expires = new Date(Date.now() + 24 * hourMs)
    const response = await request(`/preview/${await sign(bad.id, expires)}`)
    expect(response.status).toBe(503)
    const page = await response.text()
    expect(page).toContain('<h1>This article cannot be shown</h1>')
    expect(page).toContain(`The text of “${bad.title}” cannot be shown as a page. ${problem}`)
    const other = await request(`/preview/${await sign(good.id, expires)}`)
    expect(other.status).toBe(200)
    expect(await other.text()).toContain(`The end of ${good.slug}.`)
  })
})

describe('a preview link’s lifetime', () => {
  it.each([
    ['', 48],
    ['1', 1],
    ['168', 168],
  ])('accepts “%s” as %i hours', (hours, expected) => {
    expect(readPreviewExpiry(hours, now)).toEqual(new Date(now.getTime() + expected * hourMs))
  })

  it.each(['0', '169', '1.5', '-2', 'two days'])('refuses “%s”', (hours) => {
    expect(readPreviewExpiry(hours, now)).toBeNull()
  })
})
