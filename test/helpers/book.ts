import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { createBookingRoutes } from '../../src/features/bookings/http/book'
import { manageRoutes } from '../../src/features/bookings/http/manage'
import { loadFreeStarts } from '../../src/features/bookings/store/free-times'
import { preferredTimes } from '../../src/features/bookings/store/schema'
import { currentSettings } from '../../src/features/settings'
import { withDatabase } from '../../src/platform/database'
import type { AppEnv } from '../../src/platform/env'
import { zonedInstant } from '../../src/platform/time-zone'
import { bookingFields, bookingPatient, db, openWeekday, postInit, tokenFor, uniqueEmail } from './forms'
import { fileLimiters, origin, uniqueClientIp } from './http'
import { withSettings } from './settings'

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
    ...bookingPatient,
    email: uniqueEmail('booker'),
    started: await tokenFor('booking'),
    ...overrides,
  }
}

/** Runs `run` with the back-pain treatment booked by request, as the practitioner sets it in the inbox. */
export const backPainByRequest = <T>(run: () => Promise<T>): Promise<T> =>
  withSettings(
    'treatments',
    (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, bookingMode: 'request' as const } : item)) }),
    run,
  )

/**
 * The first start of the back-pain treatment free now on a clinic day, at or
 * after `from` (clinic time): for tests of routes that run on the real clock
 * (the inbox's Confirm), where only a time that is free today can be sent.
 */
async function freeStartOn(date: string, from = '09:00'): Promise<number> {
  const settings = currentSettings()
  const free = await loadFreeStarts(db(), { settings, durationMinutes: 60, from: date, to: date, now: new Date() })
  const start = free.find((candidate) => candidate >= clinicTime(date, from).getTime())
  if (start === undefined) throw new Error(`no free start on ${date} from ${from}`)
  return start
}

/**
 * A patient's details asking for a time on each of `dates`: the first in the
 * morning, the next in the afternoon (by default a week ahead and the day
 * after). Sent while `backPainByRequest`, a request as the practitioner's
 * notices and the inbox's Confirm know it.
 */
export async function requestFields(overrides: Record<string, string | string[] | boolean> = {}, dates = [openWeekday(7), openWeekday(8)]) {
  const starts = await Promise.all(dates.map((date, index) => freeStartOn(date, index === 0 ? '09:00' : '13:00')))
  return bookingFields({ start: starts.map(String), ...overrides })
}

/**
 * Turns a request's exact starts into the day and period each falls in, as a
 * patient's ask for other times (or a request from before exact starts) leaves
 * them: the inbox's Confirm then offers every free start of each period.
 */
export async function askAsPeriods(requestId: string): Promise<void> {
  await db().update(preferredTimes).set({ start: null }).where(eq(preferredTimes.requestId, requestId))
}
