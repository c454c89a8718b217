import { and, asc, desc, eq, gt, lt, ne, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { articles } from '../../articles'
import { notifications } from '../../notifications'
import type { RequestStatus } from '../domain/vocabulary'
import { applyTransition, holdsTimeSql, type TransitionGuard } from './appointments'
import { voidPendingReminders } from './pending-sends'
import { preferredTimes, type RequestEventRow, requestEvents, requests } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/**
 * A history event's columns for an insert-from-select under the same WHERE as
 * the change it records, placed before that change in one batch (after it, the
 * guard would no longer match): a batch is one transaction, so the event is
 * written exactly when the change is. Drizzle's insert().select() wants every
 * column, in table order.
 */
const eventColumns = (
  requestId: typeof requests.id | typeof notifications.requestId,
  event: { action: RequestEventRow['action']; detail: string | SQL<string>; actor: string; now: Date },
) => ({
  id: value(null, 'id'),
  requestId,
  action: value(event.action, 'action'),
  detail: typeof event.detail === 'string' ? value(event.detail, 'detail') : event.detail.as('detail'),
  actor: value(event.actor, 'actor'),
  createdAt: value(event.now.getTime(), 'created_at'),
})

/** Everything the request page shows, or undefined for an unknown id. */
export async function loadRequestDetail(db: Db, id: string) {
  const [found, times, ledger, events, source] = await db.batch([
    db.select().from(requests).where(eq(requests.id, id)),
    db.select().from(preferredTimes).where(eq(preferredTimes.requestId, id)).orderBy(asc(preferredTimes.position)),
    db.select().from(notifications).where(eq(notifications.requestId, id)).orderBy(asc(notifications.createdAt), asc(notifications.channel)),
    db.select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(desc(requestEvents.createdAt), desc(requestEvents.id)),
    db.select({ title: articles.title }).from(articles).innerJoin(requests, eq(requests.sourceArticle, articles.slug)).where(eq(requests.id, id)),
  ])
  const request = found[0]
  if (!request) return undefined
  const overlaps =
    request.confirmedStart && request.confirmedEnd
      ? await db
          .select({ id: requests.id, name: requests.name, reference: requests.reference })
          .from(requests)
          .where(and(ne(requests.id, id), holdsTimeSql(), lt(requests.confirmedStart, request.confirmedEnd), gt(requests.confirmedEnd, request.confirmedStart)))
      : []
  return { request, times, notifications: ledger, events, overlaps, sourceTitle: source[0]?.title }
}

/** Why a reminder was voided when its booking was marked spam or closed. */
const releasedReason = (status: 'spam' | 'closed') => `the booking was marked ${status}, which released its time`

export type StatusChange = 'changed' | 'unchanged' | 'not-found' | 'conflict'

/**
 * Changes the status and records who did it and when, in one batch. The write
 * is guarded by the status just read, so the recorded "from → to" is always
 * true: a change that raced another and lost is a conflict, and writes nothing.
 * Marking a booking spam or closed voids its pending reminders in the same batch.
 */
export async function changeStatus(db: Db, input: { id: string; status: RequestStatus; actor: string; now: Date }): Promise<StatusChange> {
  const [current] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, input.id))
  if (!current) return 'not-found'
  if (current.status === input.status) return 'unchanged'
  const unchangedSinceRead = and(eq(requests.id, input.id), eq(requests.status, current.status))
  const event = { action: 'status', detail: `${current.status} → ${input.status}`, actor: input.actor, now: input.now } as const
  // Spam and closed release the appointment's time (holdsTimeSql), so its reminders go with it, in the same write.
  const voided =
    input.status === 'spam' || input.status === 'closed' ? [voidPendingReminders(db, unchangedSinceRead!, releasedReason(input.status), input.now)] : []
  const results = await db.batch([
    db.insert(requestEvents).select((qb) => qb.select(eventColumns(requests.id, event)).from(requests).where(unchangedSinceRead)),
    ...voided,
    db.update(requests).set({ status: input.status }).where(unchangedSinceRead).returning({ id: requests.id }),
  ])
  const updated = results.at(-1) as { id: string }[]
  return updated.length === 1 ? 'changed' : 'conflict'
}

export async function saveNote(db: Db, input: { id: string; note: string; actor: string; now: Date }): Promise<boolean> {
  const [current] = await db.select({ id: requests.id }).from(requests).where(eq(requests.id, input.id))
  if (!current) return false
  await db.batch([
    db
      .update(requests)
      .set({ note: input.note || null })
      .where(eq(requests.id, input.id)),
    db.insert(requestEvents).values({
      requestId: input.id,
      action: 'note',
      detail: input.note ? 'private note saved' : 'private note cleared',
      actor: input.actor,
      createdAt: input.now,
    }),
  ])
  return true
}

/**
 * Confirms a booking at one time, atomically: the event, the new time, the
 * `scheduled` status and the patient's confirmation are written only while the
 * appointment is still requested or proposed, so of two confirmations racing
 * (or a confirmation racing the patient's choice) exactly one wins.
 * Returns the new confirmation notification's id, or null when it lost.
 */
export async function confirmBooking(
  db: Db,
  input: { id: string; guard: TransitionGuard; start: Date; end: Date; actor: string; now: Date; label: string; reminders: readonly Date[]; condition?: SQL },
): Promise<string | null> {
  const notificationId = crypto.randomUUID()
  const confirmed = await applyTransition(db, {
    id: input.id,
    guard: input.guard,
    actor: input.actor,
    note: input.label,
    now: input.now,
    set: { confirmedStart: input.start, confirmedEnd: input.end, status: 'scheduled' },
    bumpSequence: true,
    notifications: [{ id: notificationId, channel: 'confirmation', topic: 'confirmed' }],
    reminders: input.reminders,
    condition: input.condition,
  })
  return confirmed ? notificationId : null
}

/**
 * Puts a notification that is no longer pending (sent, failed, unknown,
 * skipped) back in the outbox as a new delivery chain, and records who asked;
 * both are guarded by "not pending", so of two resends racing only one is
 * recorded. Returns the new chain's generation, or null when nothing was requeued.
 */
export async function requeueNotification(db: Db, input: { requestId: string; notificationId: string; actor: string; now: Date }): Promise<number | null> {
  const target = and(eq(notifications.id, input.notificationId), eq(notifications.requestId, input.requestId), ne(notifications.status, 'pending'))
  const detail = sql<string>`${notifications.channel} || ${' notification queued to be sent again'}`
  const [, updated] = await db.batch([
    db.insert(requestEvents).select((qb) =>
      qb
        .select(eventColumns(notifications.requestId, { action: 'resend', detail, actor: input.actor, now: input.now }))
        .from(notifications)
        .where(target),
    ),
    db
      .update(notifications)
      .set({ status: 'pending', claimedUntil: null, updatedAt: input.now, generation: sql`${notifications.generation} + 1` })
      .where(target)
      .returning({ generation: notifications.generation }),
  ])
  return updated[0]?.generation ?? null
}
