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
