import { describe, expect, it } from 'vitest'
import { practice } from '../../src/config'
import { jsonLdBlocks, request } from '../helpers/http'

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
    expect(html).toContain('href="/book"')
    expect(html.indexOf('not medical advice')).toBeGreaterThan(html.indexOf('Your back will thank you!'))
  })

  it('describes itself as a MedicalWebPage with an Article and breadcrumbs', async () => {
    const [page, breadcrumbs] = jsonLdBlocks(await (await request(path)).text())
    expect(page).toMatchObject({
      '@type': 'MedicalWebPage',
      url: `${practice.siteUrl}${path}`,
      mainEntity: {
        '@type': 'Article',
        headline: 'Effective Low Back Pain Relief with Acupuncture',
        author: { name: practice.practitioner.name },
      },
    })
    expect(breadcrumbs).toMatchObject({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { position: 1, item: `${practice.siteUrl}/` },
        { position: 2, item: `${practice.siteUrl}/articles` },
        { position: 3, item: `${practice.siteUrl}${path}` },
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
