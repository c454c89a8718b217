import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { transitions } from '../../../../src/features/bookings/domain/states'
import { waitlistJoinRoutes } from '../../../../src/features/bookings/http/waitlist-join'
import { waitlistPageRoutes } from '../../../../src/features/bookings/http/waitlist-page'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { waitlistOffers } from '../../../../src/features/bookings/store/schema'
import { findWaitlistEntry } from '../../../../src/features/bookings/store/waitlist'
import { withDatabase } from '../../../../src/platform/database'
import type { AppEnv } from '../../../../src/platform/env'
import { issueFormToken } from '../../../../src/platform/form-token'
import { addDays, zonedInstant } from '../../../../src/platform/time-zone'
import { crons } from '../../../../src/worker'
import { db, postInit, uniqueEmail } from '../../../helpers/forms'
import { fileLimiters, origin, uniqueClientIp } from '../../../helpers/http'
import { confirm, storeBooking } from '../../../helpers/manage'
import { runCron } from '../../../helpers/notify'

export const at = (date: string, time: string) => zonedInstant(date, time, 'America/Los_Angeles')
export const minutes = (instant: Date, count: number) => new Date(instant.getTime() + count * 60_000)

/** The waitlist's public routes with their clock fixed at `now`, over the real bindings (some replaced). */
export function waitlistAt(now: Date, overrides: Partial<Env> = {}) {
  const app = new Hono<AppEnv>()
    .use(withDatabase())
    .route('/waitlist/join', waitlistJoinRoutes({ clock: () => now }))
    .route('/waitlist', waitlistPageRoutes({ clock: () => now }))
  const clientIp = uniqueClientIp()
  const bindings = { ...env, ...fileLimiters(), ...overrides }
  return {
    get: (path: string) => app.request(new URL(path, origin).href, { headers: { 'CF-Connecting-IP': clientIp } }, bindings),
    post: (path: string, fields: Record<string, string | string[]>) => app.request(new URL(path, origin).href, postInit(fields, { clientIp }), bindings),
  }
}

/** The form's fields for Wednesday mornings of one week, as a patient fills them in (the form open for 10 s). */
export async function joinFields(wednesday: string, overrides: Record<string, string | string[]> = {}) {
  return {
    service: 'back-pain',
    fromDate: addDays(wednesday, -2),
    toDate: addDays(wednesday, 2),
    days: ['We'],
    parts: ['morning'],
    name: 'Wren Waiting',
    email: uniqueEmail('waitlist'),
    phone: '',
    patientStatus: 'returning',
    consent: 'yes',
    started: await issueFormToken(env.FORM_SECRET, 'waitlist', Date.now() - 10_000),
    ...overrides,
  }
}

/** The private token a join's answer sends the patient to. */
export const linkTokenOf = (response: Response) => /^\/waitlist\/([0-9a-f]{32})\?done=joined$/.exec(response.headers.get('Location') ?? '')?.[1]

/** Joins at `now` through the form; the entry and its private token. */
export async function join(now: Date, wednesday: string, overrides: Record<string, string | string[]> = {}, bindings: Partial<Env> = {}) {
  const response = await waitlistAt(now, bindings).post('/waitlist/join', await joinFields(wednesday, overrides))
  if (response.status !== 303) throw new Error(`joining answered ${response.status}: ${await response.text()}`)
  const token = linkTokenOf(response)!
  const found = await findWaitlistEntry(db(), token)
  if (!found) throw new Error('no entry stored')
  return { token, entry: found.entry }
}

/** A confirmed hour from `start`, booked at `written`; its request id. */
export async function holdTime(start: Date, written: Date): Promise<string> {
  const booking = await storeBooking(written)
  if (!(await confirm(booking.id, start, written))) throw new Error('could not confirm')
  return booking.id
}

/** The practitioner cancels an appointment at `now`, freeing its time. */
export async function release(id: string, now: Date): Promise<void> {
  const done = await applyTransition(db(), { id, guard: transitions.cancel, actor: 'practitioner', now, set: { cancelledBy: 'clinic' }, bumpSequence: true })
  if (!done) throw new Error('could not cancel')
}

export const fiveMinuteRun = (scheduledTime: Date, queue: Queue) => runCron(crons.sweep, scheduledTime, { NOTIFY_QUEUE: queue })

/** An entry's recorded starts, sent or not, earliest first. */
export const offersOf = (entryId: string) => db().select().from(waitlistOffers).where(eq(waitlistOffers.entryId, entryId)).orderBy(waitlistOffers.start)

/** The hidden page token of a rendered waitlist page. */
export const pageTokenOf = (html: string) => /name="pageToken" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? ''
