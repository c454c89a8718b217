import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { signPreviewToken } from '../../../../src/features/articles/preview-link'
import { signIn } from '../../../helpers/admin'
import { wrapBinding } from '../../../helpers/bindings'
import { jsonLdBlocks, request, requestWith } from '../../../helpers/http'

const pages = ['/', '/articles', '/articles/low-back-pain-relief-acupuncture', '/about', '/privacy', '/contact', '/book']

describe.each(pages)('GET %s', (path) => {
  it('is a complete, findable HTML page', async () => {
    const response = await request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=UTF-8')
    const html = await response.text()
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toMatch(/<title>[^<]+<\/title>/)
    expect(html).toMatch(/<meta name="description" content="[^"]{20,}"/)
    expect(html).toMatch(/<meta property="og:title" content="[^"]+"/)
    expect(html).toMatch(/<meta name="twitter:card" content="summary"/)
    expect(html).toContain('<a class="skip-link" href="#main">')
    expect(html).toContain('<main id="main"')
  })

  it('carries no script other than JSON-LD', async () => {
    const html = await (await request(path)).text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    for (const tag of scripts) expect(tag).toBe('<script type="application/ld+json">')
    for (const block of jsonLdBlocks(html)) expect(block['@context']).toBe('https://schema.org')
  })
})

describe('home page', () => {
  it('introduces the clinic, what it treats, latest articles and a path to booking', async () => {
    const html = await (await request('/')).text()
    expect(html).toContain(defaultPractice.clinicName)
    expect(html).toContain(defaultPractice.practitioner.name)
    for (const condition of defaultPractice.conditionsTreated) expect(html).toContain(condition)
    expect(html).toContain('href="/articles/low-back-pain-relief-acupuncture"')
    expect(html).toContain('href="/book"')
    expect(html).toContain(`<link rel="canonical" href="${defaultPractice.siteUrl}/"/>`)
  })

  it('describes the clinic as a MedicalClinic with real values', async () => {
    const [clinic] = jsonLdBlocks(await (await request('/')).text())
    expect(clinic).toMatchObject({
      '@type': 'MedicalClinic',
      name: defaultPractice.clinicName,
      telephone: defaultPractice.phone,
      address: { streetAddress: defaultPractice.address.street, addressLocality: defaultPractice.address.locality },
      openingHoursSpecification: [
        { dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], opens: '09:00', closes: '18:00' },
        { dayOfWeek: ['Saturday'], opens: '09:00', closes: '13:00' },
      ],
    })
  })
})

describe('about and privacy', () => {
  it('about shows the practitioner, services with prices, and the clinic JSON-LD', async () => {
    const html = await (await request('/about')).text()
    expect(html).toContain(defaultPractice.practitioner.credentials)
    for (const service of defaultPractice.services) expect(html).toContain(service.name)
    expect(html).toContain('$120.00')
    expect(jsonLdBlocks(html)[0]?.['@type']).toBe('MedicalClinic')
  })

  it('privacy states what is stored, for how long, and how to ask for erasure', async () => {
    const html = await (await request('/privacy')).text()
    expect(html).toContain('deleted automatically 365 days after they arrive')
    expect(html).toContain('A place on the waitlist is deleted 365 days after it ends')
    expect(html).toContain('up to 30 days longer')
    expect(html).toContain('erase')
    expect(html).toContain(`mailto:${defaultPractice.email}`)
  })

  it('privacy describes the default notifications: email without health details, no chat, and the acknowledgement', async () => {
    const html = await (await request('/privacy')).text()
    expect(html).toContain(
      'told of each request by email with your name, contact details and requested times; your message and health details stay in the clinic’s private inbox.',
    )
    expect(html).toContain('with a calendar invitation.')
    expect(html).not.toContain('Slack')
    expect(html).toContain('We email you an acknowledgement with your reference code, what happens next and a link to your request’s own page.')
  })
})

describe('errors', () => {
  it('answers an unknown page with a real 404 page', async () => {
    const response = await request('/no-such-page')
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('<h1>Page not found</h1>')
    expect(html).toContain('<meta name="robots" content="noindex"/>')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })

  it('answers an unknown article with 404', async () => {
    expect((await request('/articles/not-written-yet')).status).toBe(404)
  })

  it.each([
    ['POST', '/articles', 'GET, HEAD'],
    ['PUT', '/articles/low-back-pain-relief-acupuncture', 'GET, HEAD'],
    ['DELETE', '/about', 'GET, HEAD'],
    ['PATCH', '/contact', 'GET, HEAD, POST'],
    ['PROPFIND', '/', 'GET, HEAD'],
  ])('answers %s on %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await request(path, { method })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toBe(allow)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.text()).toContain('<h1>Method not allowed</h1>')
  })

  it('answers another method on an unknown path with 404 and no Allow header', async () => {
    const response = await request('/no-such-page', { method: 'POST' })
    expect(response.status).toBe(404)
    expect(response.headers.get('Allow')).toBeNull()
  })

  const secret = '5ec7e75ec7e75ec7e75ec7e75ec7e75e'
  it.each([
    ['/manage/:token', async () => `/manage/${secret}`, secret],
    ['/calendar/:file', async () => `/calendar/${secret}.ics`, secret],
    // Only a correctly signed preview link reaches D1; expiring long after any run of this test.
    [
      '/preview/:token',
      async () => `/preview/${await signPreviewToken(env.SESSION_SECRET, '00000000-0000-4000-8000-000000000001', new Date('2100-01-01T00:00:00Z'))}`,
      undefined,
    ],
  ])('logs the route pattern %s of an unexpected failure, never the secret in its path', async (pattern, pathOf, shownSecret) => {
    const failure = vi.spyOn(console, 'error').mockImplementation(() => {})
    const broken = wrapBinding(env.DB, {
      prepare: () => {
        throw new Error('D1_ERROR: unavailable')
      },
    })
    const path = await pathOf()
    const response = await requestWith({ DB: broken }, path)
    expect(response.status).toBe(500)
    const lines = failure.mock.calls.map(([line]) => String(line))
    failure.mockRestore()
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { event: 'unhandled_error', route: pattern, method: 'GET', error: 'Error: D1_ERROR: unavailable' },
    ])
    expect(lines.join('\n')).not.toContain(shownSecret ?? path.slice('/preview/'.length))
  })

  it('answers an unexpected failure with the 500 page, saying nothing of the cause', async () => {
    const session = await signIn()
    const broken = wrapBinding(env.DB, {
      prepare: () => {
        throw new Error('D1_ERROR: no such table: secret_internal_name')
      },
    })
    const response = await requestWith({ DB: broken }, '/admin', { headers: { Cookie: session.cookie } })
    expect(response.status).toBe(500)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('<h1>Something went wrong</h1>')
    expect(html).not.toContain('secret_internal_name')
    expect(html).not.toContain('D1_ERROR')
  })
})
