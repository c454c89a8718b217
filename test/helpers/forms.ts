import { env } from 'cloudflare:workers'
import { loadFreeStarts } from '../../src/features/bookings/store/free-times'
import { currentSettings } from '../../src/features/settings'
import { createDb } from '../../src/platform/database'
import { issueFormToken } from '../../src/platform/form-token'
import { addDays } from '../../src/platform/time-zone'
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

/** Starts handed out so far in this runtime, so two calls rarely pick the same free time (kept like the client addresses). */
const startsHandedOut = globalThis as { bookingStartsHandedOut?: number }

/**
 * A free start of the back-pain treatment seven weeks ahead or more on the real
 * clock, to the horizon's end, as the week page offers it, a different one on
 * each call. The inbox's tests that confirm, propose or move on the real clock
 * use days up to 47 ahead (an open weekday may round up to 49): these start
 * past them, so a direct booking never takes a time one of them expects free.
 */
async function freeStart(): Promise<string> {
  const settings = currentSettings()
  const from = openWeekday(50)
  const free = await loadFreeStarts(db(), { settings, durationMinutes: 60, from, to: addDays(from, 20), now: new Date() })
  const count = (startsHandedOut.bookingStartsHandedOut ?? 0) + 1
  startsHandedOut.bookingStartsHandedOut = count
  // Every other start: two neighbours 30 minutes apart would overlap each other.
  return String(free[(count * 2) % free.length])
}

/** What a booking patient types on the details step, besides their email, the treatment and the time. */
export const bookingPatient = {
  name: 'Robin Patient',
  phone: '+1 (503) 555-0199',
  pain: 'disc',
  patientStatus: 'returning',
  notes: 'Pain down the left leg',
  consent: 'yes',
} as const

/** The booking form's fields as the details step sends them: a patient's details and one free start. */
export async function bookingFields(overrides: Record<string, string | string[] | boolean> = {}) {
  return {
    ...bookingPatient,
    email: uniqueEmail(),
    treatment: 'back-pain',
    start: await freeStart(),
    started: await tokenFor('booking'),
    ...overrides,
  }
}

export const db = () => createDb(env.DB)

/** The reference from a 303 to a thanks page, or from a direct booking's JSON answer. */
export function referenceFrom(response: Response): string {
  const location = response.headers.get('Location') ?? ''
  const reference = new URL(location, origin).searchParams.get('ref')
  if (!reference) throw new Error(`no reference in Location "${location}" (status ${response.status})`)
  return reference
}
