import { beforeAll, describe, expect, it } from 'vitest'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { request } from '../../../helpers/http'
import { storeArticle } from '../../../helpers/publishing'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const gzipSize = async (text: string) => (await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength
/** The preview's banner, which is all that sets it apart from the public page (with its noindex). */
const bannerOf = (page: string) => /<div class="notice" role="note" aria-label="Preview">[\s\S]*?<\/form><\/div>/.exec(page)?.[0] ?? ''

describe('the practitioner’s preview', () => {
  it('is the public page with a banner, noindex and no-store, and gives the public page’s compressed size', async () => {
    const article = await storeArticle({ state: 'published', firstPublishedAt: new Date('2026-06-01T16:00:00Z') })
    const response = await adminGet(session, `/admin/articles/${article.id}/preview`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const preview = await response.text()
    const banner = bannerOf(preview)
    expect(banner).toContain('<strong>Preview: not published.</strong>')
    const publicPage = await (await request(`/articles/${article.slug}`)).text()
    const canonical = `<link rel="canonical" href="https://clinic.example.com/articles/${article.slug}"/>`
    expect(preview.replace(banner, '').replace('<meta name="robots" content="noindex"/>', canonical)).toBe(publicPage)
    const size = new Intl.NumberFormat('en-US').format(await gzipSize(publicPage))
    expect(banner).toContain(`Compressed (gzip), this page is ${size} bytes, within the 14,000 bytes of the first round trip.`)
  })

  it('says when the page no longer fits the first round trip', async () => {
    const noise = Array.from({ length: 1500 }, () => crypto.randomUUID()).join(' ')
    const article = await storeArticle({ body: noise })
    const banner = bannerOf(await (await adminGet(session, `/admin/articles/${article.id}/preview`)).text())
    expect(banner).toMatch(/this page is [\d,]+ bytes: over 14,000 bytes, so it no longer fits the first round trip/)
  })
})

describe('sharing a preview', () => {
  it('makes a link that shows the draft to anyone, never cached, indexed or sent on as a referrer', async () => {
    const article = await storeArticle()
    const response = await adminPost(session, `/admin/articles/${article.id}/share`, { hours: '2' })
    expect(response.status).toBe(200)
    const url = /<a href="(https:\/\/clinic\.example\.com\/preview\/[^"]+)">/.exec(await response.text())?.[1]
    expect(url).toBeDefined()
    const shared = await request(url!)
    expect(shared.status).toBe(200)
    expect(shared.headers.get('Cache-Control')).toBe('no-store')
    expect(shared.headers.get('X-Robots-Tag')).toBe('noindex')
    expect(shared.headers.get('Referrer-Policy')).toBe('no-referrer')
    const page = await shared.text()
    expect(page).toContain('<strong>Preview: not published.</strong>')
    expect(page).toContain(`<h1>${article.title}</h1>`)
  })

  it('refuses a lifetime outside one hour to seven days with 422, the input kept', async () => {
    const article = await storeArticle()
    const response = await adminPost(session, `/admin/articles/${article.id}/share`, { hours: '200' })
    expect(response.status).toBe(422)
    const page = await response.text()
    expect(page).toContain('Enter a lifetime between 1 and 168 hours')
    expect(page).toContain('value="200"')
    expect(page).not.toContain('/preview/')
  })

  it('refuses strangers and a share without the CSRF token', async () => {
    const article = await storeArticle()
    const stranger = await request(`/admin/articles/${article.id}/preview`, { redirect: 'manual' })
    expect(stranger.status).toBe(303)
    const forged = await adminPost(session, `/admin/articles/${article.id}/share`, { csrf: '0'.repeat(64), hours: '2' })
    expect(forged.status).toBe(403)
    expect(await forged.text()).not.toContain('/preview/')
  })
})
