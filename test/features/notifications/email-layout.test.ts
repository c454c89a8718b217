import { describe, expect, it } from 'vitest'
import { renderEmail } from '../../../src/features/notifications/email-layout'

const clinic = {
  name: 'Cedar & Pine Acupuncture',
  address: '12 Example Street, Portland, OR 97201',
  phone: '(503) 555-0142',
  siteUrl: 'https://clinic.example.com',
}

describe('the one email layout', () => {
  it('puts the clinic name at the top, one button, and the address, phone and site at the bottom', async () => {
    const email = await renderEmail({
      clinic,
      lang: 'en-US',
      heading: 'Your appointment is confirmed',
      blocks: [{ paragraph: 'See you on Tuesday.' }, { facts: [{ label: 'Reference', value: 'ABC123' }] }, { note: 'Reply to this email to reach us.' }],
      button: { label: 'See your appointment', href: 'https://clinic.example.com/manage/t0ken' },
    })
    const { html } = email
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<html lang="en-US">')
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">')
    expect(html).toContain('<meta name="color-scheme" content="light dark">')
    expect(html).toContain('width="600"')
    expect(html).toContain('max-width:600px')
    const name = html.indexOf('Cedar &amp; Pine Acupuncture</td>')
    const heading = html.indexOf('<h1')
    const button = html.indexOf('href="https://clinic.example.com/manage/t0ken"')
    const footer = html.indexOf('12 Example Street, Portland, OR 97201')
    expect(name).toBeGreaterThan(0)
    expect(heading).toBeGreaterThan(name)
    expect(button).toBeGreaterThan(heading)
    expect(footer).toBeGreaterThan(button)
    expect(html.match(/class="button"/g)).toHaveLength(1)
    expect(html).toContain('href="tel:5035550142"')
    expect(html).toContain('>clinic.example.com</a>')
  })

  it('writes the text part as text from the same blocks, not stripped HTML', async () => {
    const { text } = await renderEmail({
      clinic,
      heading: 'New contact request ABC123',
      blocks: [
        { paragraph: 'A patient wrote.' },
        {
          facts: [
            { label: 'Reference', value: 'ABC123' },
            { label: 'Message', value: 'one\ntwo', multiline: true },
          ],
        },
        { list: [{ text: 'XYZ789, received today', href: 'https://clinic.example.com/admin/requests/1' }, { text: 'plain' }] },
      ],
      button: { label: 'Open the request in the inbox', href: 'https://clinic.example.com/admin/requests/1' },
      footnote: 'You receive this because you run the clinic.',
    })
    expect(text).toBe(
      [
        'New contact request ABC123',
        '',
        'A patient wrote.',
        '',
        'Reference: ABC123',
        'Message:',
        '  one',
        '  two',
        '',
        '- XYZ789, received today: https://clinic.example.com/admin/requests/1',
        '- plain',
        '',
        'Open the request in the inbox: https://clinic.example.com/admin/requests/1',
        '',
        'You receive this because you run the clinic.',
        '',
        '--',
        'Cedar & Pine Acupuncture',
        '12 Example Street, Portland, OR 97201',
        '(503) 555-0142',
        'https://clinic.example.com',
        '',
      ].join('\n'),
    )
    expect(text).not.toMatch(/<[a-z]/i)
  })

  it('escapes every value, including those a patient typed', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    const { html } = await renderEmail({
      clinic: { ...clinic, name: hostile },
      heading: hostile,
      blocks: [
        { paragraph: hostile },
        { facts: [{ label: hostile, value: hostile, href: `https://x.example/"${hostile}` }] },
        { list: [{ text: hostile }] },
        { note: hostile },
      ],
      button: { label: hostile, href: `https://x.example/${hostile}` },
      footnote: hostile,
    })
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
  })

  it('shows the first paragraph as the preheader unless one is given', async () => {
    const first = await renderEmail({ clinic, heading: 'H', blocks: [{ note: 'n' }, { paragraph: 'First   words\nhere.' }] })
    expect(first.html).toMatch(/<div style="display:none[^"]*">First words here\.<\/div>/)
    const given = await renderEmail({ clinic, heading: 'H', preheader: 'Your time is confirmed', blocks: [{ paragraph: 'p' }] })
    expect(given.html).toMatch(/<div style="display:none[^"]*">Your time is confirmed<\/div>/)
  })
})
