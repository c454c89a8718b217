import { and, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import type { WaitlistRunPlan } from '../domain/waitlist'
import { settlingMs } from '../domain/waitlist'
import { waitlistEntries, waitlistOffers } from './schema'
import { insertWaitlistEmail } from './waitlist-outbox'

const dayMs = 24 * 3_600_000

/**
 * The offer email's outbox row and the offer marked sent, both only while the
 * offer is still unsent: of two runs at once (D1 runs each batch whole, one
 * after the other) the second finds it sent and writes nothing.
 */
function sendStatements(db: Db, offer: { entryId: string; start: Date }, notificationId: string, now: Date) {
  const unsent = and(eq(waitlistOffers.entryId, offer.entryId), eq(waitlistOffers.start, offer.start), isNull(waitlistOffers.sentAt))
  return [
    insertWaitlistEmail(db, { id: notificationId, topic: 'waitlist-offer', now }, waitlistOffers, unsent),
    db.update(waitlistOffers).set({ sentAt: now, notificationId }).where(unsent),
  ] as const
}

/** The outbox ids of the offers a batch actually sent (a row another run sent first is not among them). */
async function sentOf(db: Db, entryId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .select({ id: waitlistOffers.notificationId })
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.entryId, entryId), inArray(waitlistOffers.notificationId, [...ids])))
  return rows.flatMap((row) => (row.id ? [row.id] : []))
}

/** Offers the cron sent an entry in the 24 hours before `now` (by hand ones aside). */
export async function countSentLastDay(db: Db, entryId: string, now: Date): Promise<number> {
  const rows = await db
    .select({ id: waitlistOffers.id })
    .from(waitlistOffers)
    .where(
      and(
        eq(waitlistOffers.entryId, entryId),
        eq(waitlistOffers.byHand, false),
        isNotNull(waitlistOffers.sentAt),
        gte(waitlistOffers.sentAt, new Date(now.getTime() - dayMs)),
      ),
    )
  return rows.length
}

/**
 * Writes one run's plan for one entry in one batch: the known free starts,
 * the starts first seen (each once: the unique index), the unsent ones gone
 * again forgotten, the settled ones sent. Returns the outbox ids to enqueue.
 */
export async function applyWaitlistRun(db: Db, input: { entryId: string; plan: WaitlistRunPlan; durationMs: number; now: Date }): Promise<string[]> {
  const { entryId, plan, now } = input
  const sends = plan.send.map((start) => ({ start: new Date(start), notificationId: crypto.randomUUID() }))
  await db.batch([
    db.update(waitlistEntries).set({ knownFree: plan.knownFree }).where(eq(waitlistEntries.id, entryId)),
    ...plan.withdraw.map((start) =>
      db.delete(waitlistOffers).where(and(eq(waitlistOffers.entryId, entryId), eq(waitlistOffers.start, new Date(start)), isNull(waitlistOffers.sentAt))),
    ),
    ...plan.record.map((start) =>
      db
        .insert(waitlistOffers)
        .values({
          id: crypto.randomUUID(),
          entryId,
          start: new Date(start),
          end: new Date(start + input.durationMs),
          firstSeenAt: now,
          sendAfter: new Date(now.getTime() + settlingMs),
        })
        .onConflictDoNothing(),
    ),
    ...sends.flatMap((send) => sendStatements(db, { entryId, start: send.start }, send.notificationId, now)),
  ])
  return sentOf(
    db,
    entryId,
    sends.map((send) => send.notificationId),
  )
}

/**
 * The practitioner offers one start to one entry by hand: recorded (or an
 * unsent record made by hand) with no settling, and sent at once unless
 * `sendAfter` (the end of the quiet hours) says when the cron sends it.
 * Returns the outbox id sent now, `queued` when it waits for the quiet hours
 * to end, or `already` when that start was offered to them before.
 */
export async function offerByHand(
  db: Db,
  input: { entryId: string; start: Date; end: Date; now: Date; sendAfter: Date | null },
): Promise<{ sent: string } | 'queued' | 'already'> {
  const [existing] = await db
    .select({ sentAt: waitlistOffers.sentAt })
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.entryId, input.entryId), eq(waitlistOffers.start, input.start)))
  if (existing?.sentAt) return 'already'
  const notificationId = crypto.randomUUID()
  const sendAfter = input.sendAfter ?? input.now
  await db.batch([
    db
      .insert(waitlistOffers)
      .values({ id: crypto.randomUUID(), entryId: input.entryId, start: input.start, end: input.end, firstSeenAt: input.now, sendAfter, byHand: true })
      .onConflictDoUpdate({
        target: [waitlistOffers.entryId, waitlistOffers.start],
        set: { sendAfter, byHand: true },
        setWhere: isNull(waitlistOffers.sentAt),
      }),
    ...(input.sendAfter ? [] : sendStatements(db, { entryId: input.entryId, start: input.start }, notificationId, input.now)),
  ])
  if (input.sendAfter) return 'queued'
  const [sent] = await sentOf(db, input.entryId, [notificationId])
  return sent ? { sent } : 'already'
}
