import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { emailKinds } from '../../../../src/features/bookings/messages/email-kinds'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { expectClinicLayout } from '../../../helpers/email-layout'

/** The one button each kind of email carries. */
const buttons: Record<string, string> = {
  'acknowledgement-booking': 'See your request',
  'acknowledgement-contact': 'See your request',
  proposed: 'Choose a time',
  confirmed: 'See your appointment',
  moved: 'See your appointment',
  reminder: 'See your appointment',
  cancelled: 'Book an appointment',
  declined: 'Book an appointment',
  expired: 'Book an appointment',
  'waitlist-joined': 'Your waitlist page',
  'waitlist-offer': 'Your waitlist page',
  reply: 'Your appointment page',
  'new-request': 'Open the request in the inbox',
  'new-contact': 'Open the request in the inbox',
  'new-booking': 'Open the request in the inbox',
  'patient-chose': 'Open the request in the inbox',
  'patient-cancelled': 'Open the request in the inbox',
  'patient-asked': 'Open the request in the inbox',
  'patient-replied': 'Open the request in the inbox',
  digest: 'Open the inbox',
}

const unescapeHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** Rows in every table of the database, by table. */
async function countRows(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%'",
  ).all<{
    name: string
  }>()
  const counts: Record<string, number> = {}
  for (const { name } of results) counts[name] = (await env.DB.prepare(`select count(*) as n from "${name}"`).first<{ n: number }>())!.n
  return counts
}

let session: AdminSession
beforeAll(async () => {
  session = await signIn()
})

describe('/admin/emails', () => {
  it('lists every kind of email, to patients and to the practitioner, and the inbox links to it', async () => {
    expect(emailKinds.map((kind) => kind.kind).sort()).toEqual(Object.keys(buttons).sort())
    const response = await adminGet(session, '/admin/emails')
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('<a href="/admin/emails">Emails</a>')
    for (const kind of emailKinds) expect(page).toContain(`<a href="/admin/emails/${kind.kind}">${kind.title}</a>`)
    expect(page.indexOf('To patients')).toBeLessThan(page.indexOf('/admin/emails/acknowledgement-booking"'))
    expect(page.indexOf('To you')).toBeLessThan(page.indexOf('/admin/emails/digest"'))
  })

  it('shows each kind in the layout, as HTML on its own framable address and as text, and writes nothing', async () => {
    const before = await countRows()
    for (const { kind, title } of emailKinds) {
      const framed = await adminGet(session, `/admin/emails/${kind}.html`)
      expect(framed.status, kind).toBe(200)
      const policy = framed.headers.get('Content-Security-Policy') ?? ''
      expect(policy).toContain("frame-ancestors 'self'")
      expect(policy).toContain("style-src 'unsafe-inline'")
      expect(policy).toContain("default-src 'none'")
      expect(framed.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
      const html = await framed.text()

      const preview = await adminGet(session, `/admin/emails/${kind}`)
      expect(preview.status, kind).toBe(200)
      expect(preview.headers.get('Content-Security-Policy')).toContain("frame-src 'self'")
      expect(preview.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
      const page = await preview.text()
      expect(page).toContain(`<iframe src="/admin/emails/${kind}.html" title="${title}, as HTML"`)
      expect(page).toContain(`<a href="/admin/emails/${kind}.html">Open the email alone</a>`)
      const text = unescapeHtml(/<pre class="patient-text">([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '')
      const subject = unescapeHtml(/<dt>Subject<\/dt><dd>([^<]*)<\/dd>/.exec(page)?.[1] ?? '')
      expect(subject, kind).not.toBe('')
      expectClinicLayout({ subject, html, text }, { label: buttons[kind]!, href: /^https:\/\/clinic\.example\.com\/(manage|waitlist|book|admin)\b/ })
    }
    expect(await countRows()).toEqual(before)
  })

  it('keeps the sample patient’s health details out as the real emails do, and answers 404 to an unknown kind', async () => {
    const html = await (await adminGet(session, '/admin/emails/new-contact.html')).text()
    expect(html).toContain('Health details (message, notes, pain) are kept out of notifications')
    expect(html).not.toContain('Do you treat sciatica?')
    expect((await adminGet(session, '/admin/emails/no-such-kind')).status).toBe(404)
    expect((await adminGet(session, '/admin/emails/no-such-kind.html')).status).toBe(404)
  })
})
