import { expect } from 'vitest'
import { defaultPractice } from '../../src/config'

/** Gmail clips a message past this. */
const clipBytes = 100 * 1024

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value ?? '')).length

/** What a sent email is checked for, as the binding or the composer hands it over. */
interface SentEmail {
  subject: string
  text?: string
  html?: string
  attachments?: readonly { content: unknown }[]
}

const clinic = {
  name: defaultPractice.clinicName,
  address: `${defaultPractice.address.street}, ${defaultPractice.address.locality}, ${defaultPractice.address.region} ${defaultPractice.address.postalCode}`,
  phone: defaultPractice.phone,
}

const escaped = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/**
 * An email in the clinic's one layout: its name at the top, exactly one button
 * (`label`, to `href`), the address, phone and site at the bottom, a text part
 * written as text, the zone in words, and every part and the whole message
 * under Gmail's 100 KB.
 */
export function expectClinicLayout(email: SentEmail, button: { label: string; href: string | RegExp }): void {
  const html = email.html ?? ''
  const text = email.text ?? ''
  expect(html.indexOf(`${escaped(clinic.name)}</td>`)).toBeGreaterThan(0)
  expect(html.indexOf(`${escaped(clinic.name)}</td>`)).toBeLessThan(html.indexOf('<h1'))
  const buttons = [...html.matchAll(/<a class="button" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)]
  expect(buttons).toHaveLength(1)
  expect(buttons[0]![2]).toBe(escaped(button.label))
  const href = buttons[0]![1]!.replace(/&amp;/g, '&')
  if (typeof button.href === 'string') expect(href).toBe(button.href)
  else expect(href).toMatch(button.href)
  expect(html).toContain(`<br>${escaped(clinic.address)}<br>`)
  expect(html).toContain(`>${escaped(clinic.phone)}</a>`)
  expect(html).toContain('>clinic.example.com</a>')
  // The text part is written, not stripped: no tags, the same button as a line, the clinic signing off.
  expect(text).not.toMatch(/<\/?[a-z!][^>]*>/i)
  expect(text).toContain(`${button.label}: ${href}`)
  expect(text).toContain(`--\n${clinic.name}\n${clinic.address}\n${clinic.phone}\n`)
  for (const part of [email.subject, html, text]) expect(part).not.toContain('America/Los_Angeles')
  expect(bytes(html)).toBeLessThan(clipBytes)
  expect(bytes(text)).toBeLessThan(clipBytes)
  expect(bytes(email.subject) + bytes(html) + bytes(text) + (email.attachments ?? []).reduce((sum, file) => sum + bytes(file.content), 0)).toBeLessThan(
    clipBytes,
  )
}
