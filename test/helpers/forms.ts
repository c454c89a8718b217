import { env } from 'cloudflare:workers'
import { createDb } from '../../src/platform/database'
import { issueFormToken } from '../../src/platform/form-token'
import { openWeekday } from './dates'
import { origin, requestWith, uniqueClientIp } from './http'

/** A form token issued `ageMs` ago, as if the form had been open that long. */
export const tokenFor = (form: 'contact' | 'booking', ageMs = 10_000) => issueFormToken(env.FORM_SECRET, form, Date.now() - ageMs)

export interface PostOptions {
  headers?: Record<string, string>
  json?: boolean
  clientIp?: string
}

/** POSTs fields as a browser on this site would (Origin, Sec-Fetch-Site, urlencoded), or as JSON. */
export function post(path: string, fields: Record<string, string | string[] | boolean>, options: PostOptions = {}) {
  return requestWith({}, path, postInit(fields, options))
}

export function postInit(fields: Record<string, string | string[] | boolean>, options: PostOptions = {}): RequestInit {
  const headers: Record<string, string> = {
    Origin: origin,
    'Sec-Fetch-Site': 'same-origin',
    'CF-Connecting-IP': options.clientIp ?? uniqueClientIp(),
    ...options.headers,
  }
  let body: string
  if (options.json) {
    headers['Content-Type'] = 'application/json'
    headers.Accept ??= 'application/json'
    body = JSON.stringify(fields)
  } else {
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded'
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
    }
    body = params.toString()
  }
  return { method: 'POST', headers, body, redirect: 'manual' }
}

let uniqueCounter = 0
/** A unique email per call so rows of one test are told apart from another's. */
export const uniqueEmail = (label = 'patient') => `${label}.${Date.now().toString(36)}.${++uniqueCounter}@example.org`

export async function contactFields(overrides: Record<string, string | string[] | boolean> = {}) {
  return {
    name: 'Jamie Patient',
    email: uniqueEmail(),
    phone: '',
    preferredContact: 'email',
    message: 'Do you treat sciatica?',
    consent: 'yes',
    started: await tokenFor('contact'),
    ...overrides,
  }
}

export { openWeekday }

export async function bookingFields(overrides: Record<string, string | string[] | boolean> = {}) {
  return {
    name: 'Robin Patient',
    email: uniqueEmail(),
    phone: '+1 (555) 010-0199',
    service: 'back-pain',
    pain: 'disc',
    patientStatus: 'new',
    date1: openWeekday(7),
    period1: 'morning',
    date2: openWeekday(8),
    period2: 'afternoon',
    date3: '',
    period3: '',
    notes: 'Pain down the left leg',
    consent: 'yes',
    started: await tokenFor('booking'),
    ...overrides,
  }
}

export const db = () => createDb(env.DB)

/** The reference from a 303 to a thanks page. */
export function referenceFrom(response: Response): string {
  const location = response.headers.get('Location') ?? ''
  const reference = new URL(location, origin).searchParams.get('ref')
  if (!reference) throw new Error(`no reference in Location "${location}" (status ${response.status})`)
  return reference
}
