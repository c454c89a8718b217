import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { createBookingRoutes } from '../../src/features/bookings/http/book'
import { manageRoutes } from '../../src/features/bookings/http/manage'
import { withDatabase } from '../../src/platform/database'
import type { AppEnv } from '../../src/platform/env'
import { zonedInstant } from '../../src/platform/time-zone'
import { postInit, tokenFor, uniqueEmail } from './forms'
import { fileLimiters, origin, uniqueClientIp } from './http'

/** An instant on the clinic's wall clock. */
export const clinicTime = (date: string, time: string) => zonedInstant(date, time, 'America/Los_Angeles')

/** The booking pages and the patient's page with their clock fixed at `now`, over the real bindings (or some replaced). */
export function bookingAt(now: Date, overrides: Partial<Env> = {}) {
  const app = new Hono<AppEnv>()
    .use(withDatabase())
    .route('/book', createBookingRoutes({ clock: () => now }))
    .route('/manage', manageRoutes({ clock: () => now }))
  const bindings = () => ({ ...env, ...fileLimiters(), ...overrides })
  return {
    get: (path: string, headers: Record<string, string> = {}) =>
      app.request(new URL(path, origin).href, { headers: { 'CF-Connecting-IP': uniqueClientIp(), ...headers } }, bindings()),
    post: (fields: Record<string, string | string[] | boolean>, options: { clientIp?: string; json?: boolean; headers?: Record<string, string> } = {}) =>
      app.request(new URL('/book', origin).href, postInit(fields, { ...options, clientIp: options.clientIp ?? uniqueClientIp() }), bindings()),
  }
}

/** What the details step sends for the time(s) chosen, with a patient's details. */
export async function detailsFor(starts: readonly Date[], overrides: Record<string, string | string[] | boolean> = {}) {
  return {
    treatment: 'back-pain',
    start: starts.length === 1 ? String(starts[0]!.getTime()) : starts.map((start) => String(start.getTime())),
    name: 'Robin Patient',
    email: uniqueEmail('booker'),
    phone: '+1 (555) 010-0199',
    pain: 'disc',
    patientStatus: 'returning',
    notes: 'Pain down the left leg',
    consent: 'yes',
    started: await tokenFor('booking'),
    ...overrides,
  }
}
