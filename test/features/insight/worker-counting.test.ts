import { env } from 'cloudflare:workers'
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pageViews, readerMarks, referrers } from '../../../src/features/insight/store/schema'
import { createDb } from '../../../src/platform/database'
import { pages } from '../../../src/public-pages'
import worker, { views } from '../../../src/worker'
import { wrapBinding } from '../../helpers/bindings'
import { origin } from '../../helpers/http'

const db = createDb(env.DB)
const article = '/articles/low-back-pain-relief-acupuncture'
const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

/**
 * Sends a request through the Worker and waits for what it handed to
 * `waitUntil` while answering (its counting among them), not for what that
 * work handed over later: the write after the gathering wait is in `later`,
 * as the runtime would hold it after the answer.
 */
async function send(path: string, init: RequestInit = {}, bindings: Partial<Env> = {}) {
  const waitUntils: Promise<unknown>[] = []
  const ctx = { waitUntil: (work: Promise<unknown>) => void waitUntils.push(work), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext
  const headers = new Headers(init.headers)
  if (!headers.has('User-Agent')) headers.set('User-Agent', browser)
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', '198.51.100.7')
  const answer = worker.fetch(
    new Request(new URL(path, origin), { ...init, headers }) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...bindings },
    ctx,
  )
  const whileAnswering = waitUntils.length
  const response = await answer
  await response.arrayBuffer()
  await Promise.all(waitUntils.slice(0, whileAnswering))
  return { response, later: waitUntils.slice(whileAnswering), handed: waitUntils }
}

const visit = async (path: string, init: RequestInit = {}) => (await send(path, init)).response

/** A path's views over all days as D1 holds them now, nothing flushed. */
async function writtenViews(path: string) {
  const [row] = await db
    .select({ views: sql<number>`coalesce(sum(${pageViews.views}), 0)` })
    .from(pageViews)
    .where(eq(pageViews.path, path))
  return row!.views
}

/** Views and reader marks of a path over all days, after this isolate's gathered views are written. */
async function countsOf(path: string) {
  await views.flush(db)
  const [marks] = await db.select({ count: sql<number>`count(*)` }).from(readerMarks).where(eq(readerMarks.path, path))
  return { views: await writtenViews(path), marks: marks!.count }
}

describe('views counted by the Worker', () => {
  it('writes a lone view in a quiet isolate within seconds, in the waitUntil of its own request', async () => {
    // Whatever earlier tests left gathered is written, so no write is pending and the isolate is quiet.
    await views.flush(db)
    const before = await writtenViews('/contact')
    const { response, later } = await send('/contact')
    expect(response.status).toBe(200)
    // Counted, and the request holds the write it waits for; nothing is in D1 yet.
    expect(later).toHaveLength(1)
    expect(await writtenViews('/contact')).toBe(before)
    await Promise.all(later)
    expect(await writtenViews('/contact')).toBe(before + 1)
  })

  it('writes a burst of views within the wait in one batch, held by the first view’s request', async () => {
    // Rendered once first, so the burst is answered from the page cache and no request keeps the page for the location afterwards.
    await Promise.all((await send('/articles')).later)
    await views.flush(db)
    const batches: number[] = []
    const DB = wrapBinding(env.DB, {
      batch: (statements) => {
        batches.push(statements.length)
        return env.DB.batch(statements)
      },
    })
    const before = { articles: await writtenViews('/articles'), book: await writtenViews('/book') }
    const burst = await Promise.all(
      ['/articles', '/book', '/articles', '/book', '/articles'].map((path, index) =>
        send(path, { headers: { 'CF-Connecting-IP': `192.0.2.${index + 1}` } }, { DB }),
      ),
    )
    // The articles, answered from the page cache, are counted at once: the first hands over the write, the others nothing.
    // The booking page is never cached, so each of its views is counted once its answer comes, in its own waitUntil.
    expect(burst.map(({ handed }) => handed.length)).toEqual([1, 1, 0, 1, 0])
    await Promise.all(burst.flatMap(({ handed }) => handed))
    expect(batches).toHaveLength(1)
    expect({ articles: await writtenViews('/articles'), book: await writtenViews('/book') }).toEqual({
      articles: before.articles + 3,
      book: before.book + 2,
    })
  })

  it('keeps a reader’s mark, never the address', async () => {
    const address = '198.51.100.231'
    await visit('/articles', { headers: { 'CF-Connecting-IP': address, 'User-Agent': `${browser} ${crypto.randomUUID()}` } })
    await views.flush(db)
    const marks = await db.select().from(readerMarks).where(eq(readerMarks.path, '/articles'))
    expect(marks.length).toBeGreaterThan(0)
    for (const mark of marks) expect(mark.hash).toMatch(/^[0-9a-f]{16}$/)
    const [stored] = await db.select({ count: sql<number>`count(*)` }).from(readerMarks).where(sql`instr(${readerMarks.hash}, ${address}) > 0`)
    expect(stored!.count).toBe(0)
  })

  it('counts an article answered from the page cache', async () => {
    const before = await countsOf(article)
    await visit(article)
    expect(pages.serve(new Request(new URL(article, origin)))?.status).toBe(200)
    await visit(article)
    expect((await countsOf(article)).views).toBe(before.views + 2)
  })

  it('counts the home page, the article index and the two form pages', async () => {
    for (const path of ['/', '/articles', '/book', '/contact']) {
      const before = await countsOf(path)
      expect((await visit(path)).status).toBe(200)
      expect((await countsOf(path)).views).toBe(before.views + 1)
    }
  })

  it.each([
    ['HEAD', article, { method: 'HEAD' }],
    ['a prefetch', article, { headers: { 'Sec-Purpose': 'prefetch' } }],
    ['an older prefetch', article, { headers: { Purpose: 'prefetch' } }],
    ['a bot', article, { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' } }],
    ['the signed-in practitioner', article, { headers: { Cookie: 'theme=dark; clinic_uncounted=1' } }],
    ['the practitioner signed in through Cloudflare Access', article, { headers: { Cookie: 'CF_Authorization=eyJ.x.y' } }],
    ['the about page', '/about', {}],
  ] as const)('does not count %s', async (_name, path, init) => {
    const before = await countsOf(path)
    await visit(path, init as RequestInit)
    expect(await countsOf(path)).toEqual(before)
  })

  it('does not count the inbox or a made-up path, and writes no row for it', async () => {
    const missing = `/articles/no-such-article-${crypto.randomUUID().slice(0, 8)}`
    expect((await visit(missing)).status).toBe(404)
    const before = await countsOf('/admin')
    await visit('/admin')
    expect(await countsOf('/admin')).toEqual(before)
    expect(await db.select().from(pageViews).where(eq(pageViews.path, missing))).toEqual([])
  })

  it('marks one reader for two views by the same address and browser, two for another browser', async () => {
    const before = await countsOf('/articles')
    const address = { 'CF-Connecting-IP': `203.0.113.${Math.floor(Math.random() * 200) + 1}` }
    await visit('/articles', { headers: address })
    await visit('/articles', { headers: address })
    expect((await countsOf('/articles')).marks).toBe(before.marks + 1)
    await visit('/articles', { headers: { ...address, 'User-Agent': `${browser} Edg/131.${crypto.randomUUID()}` } })
    expect(await countsOf('/articles')).toEqual({ views: before.views + 3, marks: before.marks + 2 })
  })

  it('counts a form page opened from an article’s link under that article, and nothing for a made-up slug', async () => {
    const opens = async () => {
      await views.flush(db)
      const [row] = await db
        .select({ opens: sql<number>`coalesce(sum(${pageViews.formOpens}), 0)` })
        .from(pageViews)
        .where(eq(pageViews.path, article))
      return row!.opens
    }
    const before = await opens()
    await visit(`/book?from=${article.slice('/articles/'.length)}`)
    await visit(`/contact?from=${article.slice('/articles/'.length)}`)
    await visit('/book?from=no-such-article')
    expect(await opens()).toBe(before + 2)
    expect(await db.select().from(pageViews).where(eq(pageViews.path, '/articles/no-such-article'))).toEqual([])
  })

  it('keeps only the host of another site’s Referer', async () => {
    const host = `search-${crypto.randomUUID().slice(0, 8)}.example.net`
    await visit(article, { headers: { Referer: `https://${host}/results?q=back+pain&user=someone` } })
    await visit(article, { headers: { Referer: `${origin}/articles` } })
    await views.flush(db)
    const rows = await db
      .select({ host: referrers.host, views: referrers.views })
      .from(referrers)
      .where(and(eq(referrers.host, host)))
    expect(rows).toEqual([{ host, views: 1 }])
    expect(
      await db
        .select()
        .from(referrers)
        .where(eq(referrers.host, new URL(origin).host)),
    ).toEqual([])
  })
})
