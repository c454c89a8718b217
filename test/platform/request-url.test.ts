import { describe, expect, it } from 'vitest'
import { requestUrlParts } from '../../src/platform/request-url'

describe('the parts of a request URL, sliced', () => {
  it.each([
    ['https://clinic.example.com/', { host: 'clinic.example.com', path: '/', query: '' }],
    ['http://localhost:8787/book?treatment=initial&from=neck-pain', { host: 'localhost:8787', path: '/book', query: 'treatment=initial&from=neck-pain' }],
    ['https://clinic.example.com/articles/x?a=1#top', { host: 'clinic.example.com', path: '/articles/x', query: 'a=1' }],
    ['https://clinic.example.com/articles#top?not=a-query', { host: 'clinic.example.com', path: '/articles', query: '' }],
    ['https://clinic.example.com/%61bout?', { host: 'clinic.example.com', path: '/%61bout', query: '' }],
  ])('%s', (url, parts) => {
    expect(requestUrlParts(url)).toEqual(parts)
  })

  it('reads what URL reads from any URL the runtime hands a Worker', () => {
    for (const url of [
      'https://clinic.example.com/contact?from=a&b=%20c',
      'http://127.0.0.1:8788/articles/low-back-pain?x',
      'https://clinic.example.com/feed.xml',
    ]) {
      const parsed = new URL(url)
      expect(requestUrlParts(new Request(url).url)).toEqual({ host: parsed.host, path: parsed.pathname, query: parsed.search.slice(1) })
    }
  })
})
