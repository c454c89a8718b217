import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { type ArticleRow, articleImages, articleRedirects, articles } from '../../../../src/features/articles/store/schema'
import { publicPage } from '../../../../src/platform/cache-control'
import { createDb } from '../../../../src/platform/database'
import { bumpContentVersion } from '../../../../src/platform/site-state'
import { jsonLdBlocks, letFreshnessBoundPass, request } from '../../../helpers/http'

let stored = 0

/** An article of its own in D1 (unique slug), in the given state. */
async function storeArticle(state: ArticleRow['state'], overrides: Partial<ArticleRow> = {}): Promise<ArticleRow> {
  const slug = `route-article-${state}-${++stored}`
  const db = createDb(env.DB)
  const insert = db
    .insert(articles)
    .values({
      id: crypto.randomUUID(),
      slug,
      title: `Title of ${slug}`,
      description: `What ${slug} is about, long enough to be a real description.`,
      tags: ['sleep'],
      references: [],
      body: `Body of ${slug}.`,
      state,
      firstPublishedAt: state === 'draft' ? null : new Date('2026-05-04T16:00:00Z'),
      updatedAt: new Date('2026-06-10T16:00:00Z'),
      revision: 1,
      changedAt: new Date('2026-06-10T16:00:00Z'),
      ...overrides,
    })
    .returning()
  // Written as the inbox writes, with the content version, so listing pages rendered by earlier tests go once the bound has passed.
  const [[row]] = await db.batch([insert, bumpContentVersion(db, new Date())])
  await letFreshnessBoundPass()
  return row!
}

// The Worker's clock, moved on by each stored article as far as its freshness bound.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})

afterAll(() => {
  vi.useRealTimers()
})

const path = '/articles/low-back-pain-relief-acupuncture'

describe('article page', () => {
  it('shows the article, its references, a disclaimer and a call to book', async () => {
    const html = await (await request(path)).text()
    expect(html).toContain('<h1>Effective Low Back Pain Relief with Acupuncture</h1>')
    expect(html).toContain('Low back pain is one of the most common reasons people seek medical care')
    expect(html).toContain('href="https://doi.org/10.1002/14651858.CD013814"')
    expect(html).toContain('href="https://doi.org/10.1016/j.jpain.2017.11.005"')
    expect(html).toContain('<section id="references"')
    expect(html).toContain('not medical advice')
    expect(html).toContain('href="/book?from=low-back-pain-relief-acupuncture"')
    expect(html).toContain('href="/contact?from=low-back-pain-relief-acupuncture"')
    expect(html.indexOf('not medical advice')).toBeGreaterThan(html.indexOf('Your back will thank you!'))
  })

  it('describes itself as a MedicalWebPage with an Article and breadcrumbs', async () => {
    const [page, breadcrumbs] = jsonLdBlocks(await (await request(path)).text())
    expect(page).toMatchObject({
      '@type': 'MedicalWebPage',
      url: `${defaultPractice.siteUrl}${path}`,
      mainEntity: {
        '@type': 'Article',
        headline: 'Effective Low Back Pain Relief with Acupuncture',
        author: { name: defaultPractice.practitioner.name },
      },
    })
    expect(breadcrumbs).toMatchObject({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { position: 1, item: `${defaultPractice.siteUrl}/` },
        { position: 2, item: `${defaultPractice.siteUrl}/articles` },
        { position: 3, item: `${defaultPractice.siteUrl}${path}` },
      ],
    })
  })

  it('fits in the first round trip: at most 14,000 bytes gzipped', async () => {
    const body = await (await request(path)).arrayBuffer()
    const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()
    expect(gzipped.byteLength).toBeLessThanOrEqual(14_000)
  })

  it('the index lists the article newest first with its reading time', async () => {
    const html = await (await request('/articles')).text()
    expect(html).toContain(`<a href="${path}">Effective Low Back Pain Relief with Acupuncture</a>`)
    expect(html).toMatch(/\d+ min read/)
  })
})

describe('articles in D1', () => {
  it('shows a published article with its dates and lastReviewed the updated day', async () => {
    const article = await storeArticle('published')
    const response = await request(`/articles/${article.slug}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe(publicPage)
    const html = await response.text()
    expect(html).toContain(`<h1>${article.title}</h1>`)
    expect(html).toContain('<time datetime="2026-05-04">')
    expect(html).toContain('<time datetime="2026-06-10">')
    expect(jsonLdBlocks(html)[0]).toMatchObject({ lastReviewed: '2026-06-10', mainEntity: { datePublished: '2026-05-04', dateModified: '2026-06-10' } })
  })

  it('renders the body safely, with the stored size of the site’s own images', async () => {
    const hash = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('')
    await createDb(env.DB).insert(articleImages).values({ hash, contentType: 'image/png', width: 640, height: 480, byteSize: 1000, alt: 'Needles' })
    const article = await storeArticle('published', { body: `![Needles](/images/${hash}.png)\n\n<script>alert(1)</script>\n` })
    const html = await (await request(`/articles/${article.slug}`)).text()
    expect(html).toContain(`<img src="/images/${hash}.png" alt="Needles" width="640" height="480">`)
    expect(html).not.toContain('<script>alert(1)')
  })

  it.each(['draft', 'scheduled'] as const)('answers 404 for a %s article and lists it nowhere', async (state) => {
    const article = await storeArticle(state)
    expect((await request(`/articles/${article.slug}`)).status).toBe(404)
    for (const path of ['/articles', '/', '/sitemap.xml', '/feed.xml']) {
      expect(await (await request(path)).text()).not.toContain(article.slug)
    }
  })

  it.each([
    ['2,000 quote marks', '>'.repeat(2_000)],
    ['`*a` 50,000 times', '*a'.repeat(50_000)],
  ])('answers a body of %s saved before the check with a page of its own, uncached, and shows the other articles', async (_, body) => {
    const bad = await storeArticle('published', { body })
    const good = await storeArticle('published')
    const response = await request(`/articles/${bad.slug}`)
    expect(response.status).toBe(503)
    expect(response.headers.get('Cache-Control')).not.toContain('public')
    const page = await response.text()
    expect(page).toContain('<h1>This article cannot be shown</h1>')
    expect(page).toContain('Sorry, this article cannot be shown at the moment.')
    expect((await request(`/articles/${good.slug}`)).status).toBe(200)
    expect(await (await request('/articles')).text()).toContain(good.slug)
  })

  it('answers 410 with a kind page for an archived article, and lists it nowhere', async () => {
    const article = await storeArticle('archived')
    const response = await request(`/articles/${article.slug}`)
    expect(response.status).toBe(410)
    const html = await response.text()
    expect(html).toContain('This article has been withdrawn')
    expect(html).toContain('href="/articles"')
    expect(html).not.toContain(article.title)
    for (const path of ['/articles', '/sitemap.xml', '/feed.xml']) {
      expect(await (await request(path)).text()).not.toContain(article.slug)
    }
  })

  it('redirects an old slug for good (301) to the current URL, which alone is listed', async () => {
    const article = await storeArticle('published')
    const oldSlug = `${article.slug}-old`
    await createDb(env.DB).insert(articleRedirects).values({ fromSlug: oldSlug, articleId: article.id })
    const response = await request(`/articles/${oldSlug}`, { redirect: 'manual' })
    expect(response.status).toBe(301)
    expect(response.headers.get('Location')).toBe(`/articles/${article.slug}`)
    const sitemap = await (await request('/sitemap.xml')).text()
    expect(sitemap).toContain(`/articles/${article.slug}</loc>`)
    expect(sitemap).not.toContain(oldSlug)
  })

  it('does not reveal the new slug of a draft through its old one', async () => {
    const article = await storeArticle('draft')
    await createDb(env.DB)
      .insert(articleRedirects)
      .values({ fromSlug: `${article.slug}-old`, articleId: article.id })
    expect((await request(`/articles/${article.slug}-old`, { redirect: 'manual' })).status).toBe(404)
  })

  it('lists a published article on the index, the home page, the sitemap with lastmod and the feed', async () => {
    const article = await storeArticle('published', { firstPublishedAt: new Date('2099-01-02T20:00:00Z'), updatedAt: null })
    const index = await request('/articles')
    expect(await index.text()).toContain(`<a href="/articles/${article.slug}">${article.title}</a>`)
    const home = await request('/')
    expect(await home.text()).toContain(`href="/articles/${article.slug}"`)
    const sitemap = await request('/sitemap.xml')
    expect(await sitemap.text()).toContain(`<url><loc>${defaultPractice.siteUrl}/articles/${article.slug}</loc><lastmod>2099-01-02</lastmod></url>`)
    const feed = await request('/feed.xml')
    expect(await feed.text()).toContain(`<id>${defaultPractice.siteUrl}/articles/${article.slug}</id>`)
  })
})

describe('responses in front of the edge cache', () => {
  it.each(['/', '/articles', '/sitemap.xml', '/book', '/admin', '/articles/no-such-article', '/images/0.png', '/preview/x', '/manage/x'])(
    'GET %s names its Cache-Control (Workers Cache keeps an answer without one for hours) and no Cache-Tag',
    async (path) => {
      const response = await request(path, { redirect: 'manual' })
      // Pages may be kept by browsers only, and revalidated; nothing else at all.
      expect(response.headers.get('Cache-Control')).toMatch(/^(no-store|private, no-cache)$/)
      // Nothing here is kept at the edge, so there is nothing to purge by tag.
      expect(response.headers.get('Cache-Tag')).toBeNull()
    },
  )
})
