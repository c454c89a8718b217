import { Hono } from 'hono'
import { absoluteUrl } from '../../../config'
import { publicPage } from '../../../platform/cache-control'
import type { Db } from '../../../platform/database'
import type { AppEnv } from '../../../platform/env'
import { escapeXml } from '../../../platform/xml'
import { currentSettings } from '../../settings'
import { type Article, toArticle } from '../article'
import { listPublishedArticles } from '../store/articles'

/** The latest change to any article, the date the listing pages last changed. */
const newestChange = (articles: readonly Article[]): string =>
  articles
    .map((article) => article.modified)
    .sort()
    .at(-1) ?? '2026-01-01'

/** Pages listed in the sitemap beside the articles, with the date they last changed. */
const staticPages = ['/', '/articles', '/about', '/contact', '/book', '/privacy']

function sitemap(articles: readonly Article[]): string {
  const settings = currentSettings()
  const lastmod = newestChange(articles)
  const urls = [
    ...staticPages.map((path) => ({ loc: absoluteUrl(path, settings), lastmod })),
    ...articles.map((article) => ({ loc: absoluteUrl(`/articles/${article.slug}`, settings), lastmod: article.modified })),
  ]
  const entries = urls.map((url) => `<url><loc>${escapeXml(url.loc)}</loc><lastmod>${url.lastmod}</lastmod></url>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.join('')}</urlset>\n`
}

function atomFeed(articles: readonly Article[]): string {
  const settings = currentSettings()
  const feedUrl = absoluteUrl('/feed.xml', settings)
  const entries = articles.map((article) => {
    const url = absoluteUrl(`/articles/${article.slug}`, settings)
    return [
      '<entry>',
      `<title>${escapeXml(article.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `<id>${escapeXml(url)}</id>`,
      `<published>${article.published}T00:00:00Z</published>`,
      `<updated>${article.modified}T00:00:00Z</updated>`,
      `<summary>${escapeXml(article.description)}</summary>`,
      ...article.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`),
      '</entry>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>${escapeXml(settings.clinicName)}: articles</title>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl('/articles', settings))}"/>`,
    `<id>${escapeXml(feedUrl)}</id>`,
    `<updated>${newestChange(articles)}T00:00:00Z</updated>`,
    `<author><name>${escapeXml(settings.practitioner.name)}</name></author>`,
    ...entries,
    '</feed>\n',
  ].join('')
}

const robots = () => `User-agent: *\nDisallow: /admin\nAllow: /\n\nSitemap: ${absoluteUrl('/sitemap.xml', currentSettings())}\n`

const listHeaders = (contentType: string) => ({ 'Content-Type': contentType, 'Cache-Control': publicPage })

const readArticles = async (db: Db): Promise<Article[]> => (await listPublishedArticles(db)).map(toArticle)

export const feedRoutes = new Hono<AppEnv>()
  .get('/sitemap.xml', async (c) => c.body(sitemap(await readArticles(c.var.db)), 200, listHeaders('application/xml; charset=utf-8')))
  .get('/feed.xml', async (c) => c.body(atomFeed(await readArticles(c.var.db)), 200, listHeaders('application/atom+xml; charset=utf-8')))
  .get('/robots.txt', (c) => c.body(robots(), 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': publicPage }))
