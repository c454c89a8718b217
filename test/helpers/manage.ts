import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { transitions } from '../../src/features/bookings/domain/states'
import type { RequestKind } from '../../src/features/bookings/domain/vocabulary'
import { manageRoutes } from '../../src/features/bookings/http/manage'
import { applyTransition } from '../../src/features/bookings/store/appointments'
import { storeManageToken } from '../../src/features/bookings/store/manage-tokens'
import { storeRequest } from '../../src/features/bookings/store/requests'
import { appointmentProposals, manageTokens, preferredTimes, requestEvents, requests } from '../../src/features/bookings/store/schema'
import { notifications } from '../../src/features/notifications/store/schema'
import { withDatabase } from '../../src/platform/database'
import type { AppEnv } from '../../src/platform/env'
import { newSecretToken } from '../../src/platform/secret-token'
import { db, postInit, uniqueEmail } from './forms'
import { fileLimiters, origin, uniqueClientIp } from './http'

const hourMs = 3_600_000

/** A booking (or contact request) stored at `now` for the given treatment, with one page token minted. */
export async function storeBooking(now: Date, options: { kind?: RequestKind; times?: { date: string; period: 'morning' | 'afternoon' | 'evening' }[] } = {}) {
  const kind = options.kind ?? 'booking'
  const stored = await storeRequest(db(), {
    request:
      kind === 'booking'
        ? { kind, name: 'Robin Patient', email: uniqueEmail(), phone: '+15550100199', serviceId: 'back-pain' }
        : { kind, name: 'Jamie Patient', email: uniqueEmail(), message: 'Question' },
    preferredTimes: options.times ?? (kind === 'booking' ? [{ date: '2027-03-10', period: 'morning' }] : []),
    channels: ['email'],
    dedupeKey: `manage-${crypto.randomUUID()}`,
    now,
  })
  if (stored.duplicate) throw new Error('stored as a duplicate')
  return { id: stored.requestId, reference: stored.reference, token: await linkToPage(stored.requestId, now) }
}

/** The practitioner proposes hour-long times starting at `starts`, as the inbox would. */
export async function propose(id: string, starts: readonly Date[], now: Date) {
  const proposed = await applyTransition(db(), {
    id,
    guard: transitions.propose,
    actor: 'practitioner',
    now,
    alongside: () => [
      db().delete(appointmentProposals).where(eq(appointmentProposals.requestId, id)),
      ...starts.map((start, index) =>
        db()
          .insert(appointmentProposals)
          .values({ requestId: id, position: index + 1, start, end: new Date(start.getTime() + hourMs) }),
      ),
    ],
  })
  if (!proposed) throw new Error('the proposal was refused')
}

/** The practitioner confirms an hour from `start`; false when the guard refused it. */
export const confirm = (id: string, start: Date, now: Date, reminders: Date[] = []) =>
  applyTransition(db(), {
    id,
    guard: transitions.confirm,
    actor: 'practitioner',
    now,
    set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs), status: 'scheduled' },
    bumpSequence: true,
    reminders,
  })

/** The patient's page with its clock fixed at `now`, over the real bindings (or some replaced). */
export function clinicAt(now: Date, overrides: Partial<Env> = {}) {
  const app = new Hono<AppEnv>().use(withDatabase()).route('/manage', manageRoutes({ clock: () => now }))
  const clientIp = uniqueClientIp()
  const headers = { 'CF-Connecting-IP': clientIp }
  return {
    get: (path: string) => app.request(new URL(path, origin).href, { headers }, { ...env, ...fileLimiters(), ...overrides }),
    post: (path: string, fields: Record<string, string>) =>
      app.request(new URL(path, origin).href, postInit(fields, { clientIp }), { ...env, ...fileLimiters(), ...overrides }),
  }
}

/** The hidden per-page token of a rendered page. */
export function pageTokenIn(html: string): string {
  const token = /name="pageToken" value="([0-9a-f]{64})"/.exec(html)?.[1]
  if (!token) throw new Error('no page token in the page')
  return token
}

/** The appointment revision the page's ask form carries: the version of the appointment it showed. */
export function revisionIn(html: string): string {
  const revision = /name="revision" value="(\d+)"/.exec(html)?.[1]
  if (!revision) throw new Error('no revision in the page')
  return revision
}

/** Every row a booking owns, to compare before and after. */
export async function rowsOf(id: string) {
  const [request, times, proposals, outbox, history, tokens] = await Promise.all([
    db().select().from(requests).where(eq(requests.id, id)),
    db().select().from(preferredTimes).where(eq(preferredTimes.requestId, id)),
    db().select().from(appointmentProposals).where(eq(appointmentProposals.requestId, id)),
    db().select().from(notifications).where(eq(notifications.requestId, id)),
    db().select().from(requestEvents).where(eq(requestEvents.requestId, id)),
    db().select().from(manageTokens).where(eq(manageTokens.requestId, id)),
  ])
  return { request: request[0]!, times, proposals, outbox, history, tokens }
}

/** The booking's outbox rows on one topic, as "channel/status". */
export const outboxOn = async (id: string, topic: 'patient-chose' | 'patient-cancelled' | 'patient-asked' | 'confirmed' | 'cancelled' | 'reminder') =>
  (
    await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.requestId, id), eq(notifications.topic, topic)))
  )
    .map((row) => `${row.channel}/${row.status}`)
    .sort()

/** A fresh link to the booking's page, as one email carries it. */
export async function linkToPage(requestId: string, now: Date): Promise<string> {
  const token = newSecretToken()
  await storeManageToken(db(), { token, requestId, now })
  return token
}
