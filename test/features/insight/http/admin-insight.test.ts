import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import type { InsightReport } from '../../../../src/features/insight/store/insight-report'
import { InsightPage } from '../../../../src/features/insight/views/InsightPage'
import { addDays, zonedDate } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { request } from '../../../helpers/http'
import { storeArticle } from '../../../helpers/publishing'
import { renderPage } from '../../../helpers/settings'
import { storeViews } from '../store/insight-report-seed'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** The chart with that id: its SVG and whatever follows it up to the end of its section. */
const chartIn = (html: string, id: string) => new RegExp(`<svg role="img" aria-labelledby="${id}-title"[\\s\\S]*?</section>`).exec(html)?.[0] ?? ''
/** The per-article row linking to that slug. */
const rowOf = (html: string, slug: string) => new RegExp(`<tr><th scope="row"><a href="/articles/${slug}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''

describe('/admin/insight', () => {
  it('is refused to a stranger: the sign-in page, no figures', async () => {
    const response = await request('/admin/insight', { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/login?next=%2Fadmin%2Finsight')
    expect(await response.text()).not.toContain('Views per week')
  })

  it('shows this week’s views under the article, formatted for the clinic’s locale, each chart followed by its table', async () => {
    // The page reports up to the real clock, so the counters are placed on today's clinic date.
    const today = zonedDate(new Date(), practice.timeZone)
    const article = await storeArticle({ state: 'published', title: 'Needles and sleep' })
    await storeViews(today, `/articles/${article.slug}`, { views: 1_234_567, readers: 0, formOpens: 3 })
    const response = await adminGet(session, '/admin/insight')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('<a href="/admin/insight">Insight</a>')
    expect(rowOf(html, article.slug)).toContain('<td data-label="Views">1,234,567</td>')
    expect(rowOf(html, article.slug)).toContain('<td data-label="Form opens">3</td>')
    for (const id of ['views-chart', 'requests-chart']) {
      const chart = chartIn(html, id)
      expect(chart).toMatch(new RegExp(`^<svg role="img" aria-labelledby="${id}-title" [^>]*><title id="${id}-title">`))
      expect(chart).toMatch(/<\/svg><div class="table-scroll"><table class="reflow"><caption>/)
      expect(chart.match(/<tr><th scope="row"><time/g)).toHaveLength(12)
    }
    expect(chartIn(html, 'views-chart')).toContain('highest 1,234,567 views a week')
  })
})

describe('InsightPage', () => {
  const weeks = Array.from({ length: 12 }, (_, index) => ({
    start: addDays('2031-01-06', 7 * index),
    views: index === 11 ? 2_500_000 : 0,
    requests: index === 11 ? 1_200 : 0,
  }))
  const funnel = { views: 2_500_000, readers: 1_000_000, formOpens: 4_000, requests: 1_200, direct: 300, waitlist: 20, confirmed: 1_100, attended: 1_000 }
  const report: InsightReport = {
    weeks,
    total: funnel,
    articles: [{ slug: 'sleep', title: 'Sleep', ...funnel }],
    heardFrom: [{ choice: 'friend', requests: 1_200 }],
    referrers: [{ host: 'search.example', views: 12_345 }],
  }

  it('formats every number for the locale it is given', async () => {
    const html = await renderPage(InsightPage({ report, locale: 'de-DE', csrfToken: 'token' }))
    expect(rowOf(html, 'sleep')).toContain('<td data-label="Views">2.500.000</td>')
    expect(rowOf(html, 'sleep')).toContain(
      '<td data-label="Requests">1.200</td><td data-label="Booked directly">300</td><td data-label="From the waitlist">20</td>',
    )
    expect(html).toContain(
      '<li><strong>1.200</strong> requests</li><li><strong>300</strong> booked directly</li><li><strong>20</strong> from the waitlist</li>',
    )
    expect(chartIn(html, 'requests-chart')).toContain('<td data-label="Requests">1.200</td>')
    expect(html).toContain('search.example: 12.345 views')
    expect(html).toContain('A friend or family member: 1.200')
    expect(html).not.toContain('2,500,000')
  })

  it('says a count of one in the singular: 1 view, 1 reader, 1 form open, 1 request', async () => {
    const one = { views: 1, readers: 1, formOpens: 1, requests: 1, direct: 1, waitlist: 1, confirmed: 1, attended: 1 }
    const single: InsightReport = {
      weeks: weeks.map((week, index) => ({ ...week, views: index === 11 ? 1 : 0, requests: index === 11 ? 1 : 0 })),
      total: one,
      articles: [{ slug: 'sleep', title: 'Sleep', ...one }],
      heardFrom: [{ choice: 'friend', requests: 1 }],
      referrers: [{ host: 'search.example', views: 1 }],
    }
    const html = await renderPage(InsightPage({ report: single, locale: 'en-US', csrfToken: 'token' }))
    for (const step of ['view', 'reader', 'form open', 'request', 'confirmed', 'attended']) expect(html).toContain(`<li><strong>1</strong> ${step}</li>`)
    expect(html).toContain('search.example: 1 view</li>')
    expect(chartIn(html, 'views-chart')).toContain('highest 1 view a week')
    expect(chartIn(html, 'requests-chart')).toContain('highest 1 request a week')
    expect(html).not.toMatch(/\b1 (views|readers|form opens|requests)\b/)
    expect(html).not.toMatch(/<strong>1<\/strong> (views|readers|form opens|requests)</)
  })

  it('says in a sentence that nothing is counted yet, with no empty chart', async () => {
    const empty = { views: 0, readers: 0, formOpens: 0, requests: 0, direct: 0, waitlist: 0, confirmed: 0, attended: 0 }
    const quiet: InsightReport = {
      weeks: weeks.map((week) => ({ ...week, views: 0, requests: 0 })),
      total: empty,
      articles: [{ slug: 'sleep', title: 'Sleep', ...empty }],
      heardFrom: [],
      referrers: [],
    }
    const html = await renderPage(InsightPage({ report: quiet, locale: 'en-US', csrfToken: 'token' }))
    expect(html).toContain('Nothing has been counted in these weeks yet')
    expect(html).not.toContain('<svg')
    expect(html).not.toContain('<table')
  })
})
