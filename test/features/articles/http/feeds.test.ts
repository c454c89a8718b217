import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { toArticle } from '../../../../src/features/articles/article'
import { listPublishedArticles } from '../../../../src/features/articles/store/articles'
import { createDb } from '../../../../src/platform/database'
import { request } from '../../../helpers/http'

const readArticles = async () => (await listPublishedArticles(createDb(env.DB))).map(toArticle)

/** A strict well-formedness check: every tag closes in order, every entity is known. */
function assertWellFormedXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
  const stack: string[] = []
  for (const [, closing, name, , selfClosing] of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    if (closing) expect(stack.pop()).toBe(name)
    else if (!selfClosing) stack.push(name!)
  }
  expect(stack).toEqual([])
  for (const [entity] of xml.matchAll(/&[^;\s]*;?/g)) expect(entity).toMatch(/^&(amp|lt|gt|quot|apos);$/)
}

describe('feeds', () => {
  it('sitemap.xml lists every page and article with lastmod', async () => {
    const response = await request('/sitemap.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/xml; charset=utf-8')
    const xml = await response.text()
    assertWellFormedXml(xml)
    const articles = await readArticles()
    expect(articles.length).toBeGreaterThan(0)
    for (const path of ['/', '/articles', '/about', '/contact', '/book', '/privacy']) {
      expect(xml).toContain(`<loc>${defaultPractice.siteUrl}${path}</loc>`)
    }
    for (const article of articles) {
      expect(xml).toContain(`<url><loc>${defaultPractice.siteUrl}/articles/${article.slug}</loc><lastmod>${article.modified}</lastmod></url>`)
    }
  })

  it('feed.xml is an Atom feed of the articles', async () => {
    const response = await request('/feed.xml')
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await response.text()
    assertWellFormedXml(xml)
    const articles = await readArticles()
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    expect(xml.match(/<entry>/g)).toHaveLength(articles.length)
    expect(xml).toContain('<title>Effective Low Back Pain Relief with Acupuncture</title>')
  })

  it('robots.txt allows the site, keeps out the inbox and points at the sitemap', async () => {
    const text = await (await request('/robots.txt')).text()
    expect(text).toContain('Disallow: /admin')
    expect(text).toContain(`Sitemap: ${defaultPractice.siteUrl}/sitemap.xml`)
  })
})
