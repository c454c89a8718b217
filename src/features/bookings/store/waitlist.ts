import { and, eq, gt, isNull, lte } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { hashSecretToken, secretTokenPattern } from '../../../platform/secret-token'
import { hmacHex } from '../../../platform/signing'
import { notifications } from '../../notifications'
import { type WaitlistEntryRow, waitlistEntries, waitlistOffers } from './schema'

/**
 * The token of an entry's private page, derived from the entry under the
 * form secret, so every email about it carries the same link while only its
 * hash is stored.
 */
export const waitlistLinkToken = async (secret: string, entryId: string): Promise<string> => (await hmacHex(secret, `waitlist-link:${entryId}`)).slice(0, 32)

export type NewWaitlistEntry = Omit<WaitlistEntryRow, 'tokenHash' | 'joinedNotificationId' | 'endedAt' | 'endedReason'>

/** Stores an entry and the email saying it joined, in one batch; returns that email's outbox id. */
export async function storeWaitlistEntry(db: Db, entry: NewWaitlistEntry, secret: string): Promise<{ notificationId: string }> {
  const notificationId = crypto.randomUUID()
  const tokenHash = await hashSecretToken(await waitlistLinkToken(secret, entry.id))
  await db.batch([
    db.insert(waitlistEntries).values({ ...entry, tokenHash, joinedNotificationId: notificationId }),
    db.insert(notifications).values({ id: notificationId, requestId: null, channel: 'waitlist', topic: 'waitlist-joined', createdAt: entry.createdAt }),
  ])
  return { notificationId }
}

/** The entry a private link opens, or undefined for a malformed or unknown one (one 404 for all). */
export async function findWaitlistEntry(db: Db, token: string): Promise<{ entry: WaitlistEntryRow; tokenHash: string } | undefined> {
  if (!secretTokenPattern.test(token)) return undefined
  const tokenHash = await hashSecretToken(token)
  const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.tokenHash, tokenHash))
  return entry ? { entry, tokenHash } : undefined
}

/** Whether an entry still waits at `now`: joined by then, not ended, not expired. */
export const isWaiting = (entry: Pick<WaitlistEntryRow, 'createdAt' | 'endedAt' | 'expiresAt'>, now: Date) =>
  entry.endedAt === null && entry.createdAt.getTime() <= now.getTime() && entry.expiresAt.getTime() > now.getTime()

/** The entries waiting at `now`, earliest joined first. */
export const listWaitingEntries = (db: Db, now: Date) =>
  db
    .select()
    .from(waitlistEntries)
    .where(and(isNull(waitlistEntries.endedAt), gt(waitlistEntries.expiresAt, now), lte(waitlistEntries.createdAt, now)))
    .orderBy(waitlistEntries.createdAt)

/** An entry's recorded starts, sent or not, earliest first. */
export const listEntryOffers = (db: Db, entryId: string) =>
  db.select().from(waitlistOffers).where(eq(waitlistOffers.entryId, entryId)).orderBy(waitlistOffers.start)

/**
 * Ends a waiting entry (the patient left, or took a time): false when it had
 * ended already, so of two posts at once one wins.
 */
export async function endWaitlistEntry(db: Db, input: { id: string; reason: 'left' | 'booked'; now: Date }): Promise<boolean> {
  const ended = await db
    .update(waitlistEntries)
    .set({ endedAt: input.now, endedReason: input.reason })
    .where(and(eq(waitlistEntries.id, input.id), isNull(waitlistEntries.endedAt)))
    .returning({ id: waitlistEntries.id })
  return ended.length === 1
}

/** Puts back an entry ended as booked at `endedAt` when the booking it was ended for could not be made. */
export async function reopenWaitlistEntry(db: Db, input: { id: string; endedAt: Date }): Promise<void> {
  await db
    .update(waitlistEntries)
    .set({ endedAt: null, endedReason: null })
    .where(and(eq(waitlistEntries.id, input.id), eq(waitlistEntries.endedAt, input.endedAt), eq(waitlistEntries.endedReason, 'booked')))
}

/** Records what became of a sent offer. */
export async function settleOffer(db: Db, input: { id: string; outcome: 'taken' | 'gone' }): Promise<void> {
  await db.update(waitlistOffers).set({ outcome: input.outcome }).where(eq(waitlistOffers.id, input.id))
}
