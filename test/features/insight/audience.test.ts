import { describe, expect, it } from 'vitest'
import { viewOf } from '../../../src/features/insight/audience'

const visit = (userAgent: string) => new Request('https://clinic.example.com/articles', { headers: { 'User-Agent': userAgent } })

describe('which requests count as a view', () => {
  it('judges a user agent the same when it comes back, bot or browser', () => {
    const bot = 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'
    const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
    for (let round = 0; round < 3; round++) {
      expect(viewOf(visit(bot), [])).toBeNull()
      expect(viewOf(visit(browser), [])).toEqual({ path: '/articles' })
    }
  })

  it('keeps judging correctly past the number of agents it remembers', () => {
    for (let index = 0; index < 1_200; index++) {
      expect(viewOf(visit(`Mozilla/5.0 Firefox/${index}.0`), [])).toEqual({ path: '/articles' })
      expect(viewOf(visit(`ExampleCrawler/${index}.0 (+https://crawler.example/bot)`), [])).toBeNull()
    }
  })
})

describe('what a view carries', () => {
  const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
  const view = (url: string, referer?: string) => viewOf(new Request(url, { headers: { 'User-Agent': browser, ...(referer ? { Referer: referer } : {}) } }), [])

  it('reads the path without its query or fragment, and counts only the public pages', () => {
    expect(view('https://clinic.example.com/?utm_source=x')).toEqual({ path: '/' })
    expect(view('https://clinic.example.com/articles/low-back-pain?x=1#top')).toEqual({ path: '/articles/low-back-pain' })
    expect(view('http://localhost:8787/articles')).toEqual({ path: '/articles' })
    expect(view('https://clinic.example.com/articles#top')).toEqual({ path: '/articles' })
    expect(view('https://clinic.example.com/articles/x/y')).toBeNull()
    expect(view('https://clinic.example.com/about')).toBeNull()
    expect(view('https://clinic.example.com/articles/%41bc')).toBeNull()
  })

  it('takes the source article from the form pages only, wherever it sits in the query', () => {
    expect(view('https://clinic.example.com/book?treatment=initial&from=low-back-pain#f')).toEqual({ path: '/book', fromSlug: 'low-back-pain' })
    expect(view('https://clinic.example.com/contact?from=neck-pain')).toEqual({ path: '/contact', fromSlug: 'neck-pain' })
    expect(view('https://clinic.example.com/contact?from=Not%20A%20Slug')).toEqual({ path: '/contact' })
    expect(view('https://clinic.example.com/articles?from=neck-pain')).toEqual({ path: '/articles' })
  })

  it('names another site as the referrer, never this one on any port', () => {
    expect(view('https://clinic.example.com/articles', 'https://search.example/?q=acupuncture')).toEqual({ path: '/articles', referrerHost: 'search.example' })
    expect(view('https://clinic.example.com/articles', 'https://clinic.example.com/')).toEqual({ path: '/articles' })
    expect(view('http://localhost:8787/articles', 'http://localhost:8787/book')).toEqual({ path: '/articles' })
    expect(view('http://localhost:8787/articles', 'http://localhost:9000/')).toEqual({ path: '/articles', referrerHost: 'localhost:9000' })
  })
})
