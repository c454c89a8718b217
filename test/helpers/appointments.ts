import { env } from 'cloudflare:workers'
import { and, asc, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { defaultPractice as practice } from '../../src/config'
import { storeRequest } from '../../src/features/bookings/store/requests'
import { requestEvents, requests } from '../../src/features/bookings/store/schema'
import type { NotificationChannel } from '../../src/features/notifications/domain/vocabulary'
import { notifications } from '../../src/features/notifications/store/schema'
import { addDays, zonedDate } from '../../src/platform/time-zone'
import { type AdminSession, adminPost } from './admin'
import { wrapBinding } from './bindings'
import { db, openWeekday, uniqueEmail } from './forms'

/**
 * A booking stored as the form stores it (one batch, its appointment
 * requested), without the form's rate limits: a file of these tests stores
 * more bookings a minute than the site-wide limit lets through.
 */
export async function storeBooking(overrides: { name?: string; serviceId?: string; date?: string } = {}) {
  const stored = await storeRequest(db(), {
    request: {
      kind: 'booking',
      name: overrides.name ?? 'Robin Patient',
      email: uniqueEmail(),
      phone: '+15550100199',
      serviceId: overrides.serviceId ?? 'back-pain',
      painType: 'disc',
      patientStatus: 'new',
    },
    preferredTimes: [{ date: overrides.date ?? openWeekday(7), period: 'morning' }],
    channels: ['email'],
    dedupeKey: crypto.randomUUID(),
    now: new Date(),
  })
  if (stored.duplicate) throw new Error('unexpected duplicate')
  return readBooking(stored.requestId)
}

export async function readBooking(id: string) {
  const [row] = await db().select().from(requests).where(eq(requests.id, id))
  return row!
}

/** The clinic's date `days` from today: the routes judge "future" by the real clock. */
export const daysAhead = (days: number) => addDays(zonedDate(new Date(), practice.timeZone), days)

/**
 * Confirms through the inbox's own route, at another date and time. Tests
 * confirm many bookings on the same few days, so the overlap is chosen
 * explicitly, as the practitioner may.
 */
export async function confirmAt(session: AdminSession, id: string, date: string, time: string) {
  const response = await adminPost(session, `/admin/requests/${id}/confirm`, { slot: 'other', otherDate: date, otherStart: time, overlap: 'allow' })
  expect(response.status, await response.clone().text()).toBe(303)
}

/** Moves a confirmed appointment's time back so that it started `minutes` ago: the visit is due to be recorded. */
export async function startedAgo(id: string, minutes: number) {
  const start = Date.now() - minutes * 60_000
  await db()
    .update(requests)
    .set({ confirmedStart: new Date(start), confirmedEnd: new Date(start + 60 * 60_000) })
    .where(eq(requests.id, id))
}

/** The appointment's history, oldest first, as the request page lists it. */
export async function appointmentHistory(id: string) {
  const events = await db()
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'appointment')))
    .orderBy(asc(requestEvents.id))
  return events.map((event) => event.detail)
}

export const outboxOf = (id: string, channel: NotificationChannel = 'appointment') =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.requestId, id), eq(notifications.channel, channel)))
    .orderBy(asc(notifications.createdAt))

/**
 * The real D1 binding, running `meanwhile` to completion just before the first
 * batch it is asked for: a route that read the booking, then writes through
 * this binding, finds the booking as `meanwhile` left it. Only the write is a
 * batch in the appointment routes, so the read happens before.
 */
export function changedBeforeWrite(meanwhile: () => Promise<unknown>): Pick<Env, 'DB'> {
  let ran = false
  return {
    DB: wrapBinding(env.DB, {
      batch: async (statements) => {
        if (!ran) {
          ran = true
          await meanwhile()
        }
        return env.DB.batch(statements)
      },
    }),
  }
}
