import { and, eq, gt, isNull, lte, notExists, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { hashSecretToken, secretTokenPattern } from '../../../platform/secret-token'
import { hmacHex } from '../../../platform/signing'
import { type WaitlistEntryRow, waitlistEntries, waitlistOffers } from './schema'
import { insertWaitlistEmail } from './waitlist-outbox'

/**
 * The token of an entry's private page, derived from the entry under the
 * form secret, so every email about it carries the same link while only its
 * hash is stored.
 */
export const waitlistLinkToken = async (secret: string, entryId: string): Promise<string> => (await hmacHex(secret, `waitlist-link:${entryId}`)).slice(0, 32)

export type NewWaitlistEntry = Omit<WaitlistEntryRow, 'tokenHash' | 'joinedNotificationId' | 'endedAt' | 'endedReason'>

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** An entry still waiting at `now` with exactly this wish from this person: a repeat of the form (a double click, the same wish sent again). */
const sameWishWaiting = (entry: NewWaitlistEntry, now: Date) =>
  and(
    eq(waitlistEntries.email, entry.email),
    eq(waitlistEntries.serviceId, entry.serviceId),
    eq(waitlistEntries.fromDate, entry.fromDate),
    eq(waitlistEntries.toDate, entry.toDate),
    eq(waitlistEntries.days, entry.days),
    eq(waitlistEntries.parts, entry.parts),
    eq(waitlistEntries.name, entry.name),
    sql`${waitlistEntries.phone} is ${entry.phone}`,
    eq(waitlistEntries.patientStatus, entry.patientStatus),
    isNull(waitlistEntries.endedAt),
    gt(waitlistEntries.expiresAt, now),
  )

export type StoredWaitlistEntry = { duplicate: false; id: string; notificationId: string } | { duplicate: true; id: string }

/**
 * Stores an entry and the email saying it joined, in one batch, unless the
 * same person already waits with the same wish: then nothing is written and
 * the waiting entry is returned. The insert itself checks (insert-from-select
 * where none exists), and D1 runs each batch whole, one after the other, so of
 * two sends at once the second finds the first's entry. Insert-from-select
 * lists every column in table order (Drizzle's rule).
 */
export async function storeWaitlistEntry(db: Db, entry: NewWaitlistEntry, secret: string): Promise<StoredWaitlistEntry> {
  const notificationId = crypto.randomUUID()
  const tokenHash = await hashSecretToken(await waitlistLinkToken(secret, entry.id))
  const waiting = sameWishWaiting(entry, entry.createdAt)
  await db.batch([
    db.insert(waitlistEntries).select((qb) =>
      qb
        .select({
          id: value(entry.id, 'id'),
          tokenHash: value(tokenHash, 'token_hash'),
          serviceId: value(entry.serviceId, 'service_id'),
          serviceName: value(entry.serviceName, 'service_name'),
          name: value(entry.name, 'name'),
          email: value(entry.email, 'email'),
          phone: value(entry.phone, 'phone'),
          patientStatus: value(entry.patientStatus, 'patient_status'),
          fromDate: value(entry.fromDate, 'from_date'),
          toDate: value(entry.toDate, 'to_date'),
          days: value(JSON.stringify(entry.days), 'days'),
          parts: value(JSON.stringify(entry.parts), 'parts'),
          knownFree: value(JSON.stringify(entry.knownFree), 'known_free'),
          joinedNotificationId: value(notificationId, 'joined_notification_id'),
          createdAt: value(entry.createdAt.getTime(), 'created_at'),
          expiresAt: value(entry.expiresAt.getTime(), 'expires_at'),
          endedAt: value(null, 'ended_at'),
          endedReason: value(null, 'ended_reason'),
        })
        .from(sql`(select 1)`)
        .where(notExists(db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(waiting))),
    ),
    insertWaitlistEmail(db, { id: notificationId, topic: 'waitlist-joined', now: entry.createdAt }, waitlistEntries, eq(waitlistEntries.id, entry.id)),
  ])
  const [stored] = await db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(eq(waitlistEntries.id, entry.id))
  if (stored) return { duplicate: false, id: entry.id, notificationId }
  const [first] = await db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(waiting).orderBy(waitlistEntries.createdAt).limit(1)
  if (!first) throw new Error('the waitlist entry was neither stored nor found waiting')
  return { duplicate: true, id: first.id }
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
