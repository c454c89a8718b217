import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { notifications } from '../../notifications'
import type { waitlistEntries, waitlistOffers } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/**
 * A waitlist email's outbox row, written only when `where` finds a row of
 * `source` (the entry just stored, the offer still unsent), so the row and
 * what it announces are written together or not at all within one batch.
 * Insert-from-select lists every column of the outbox in table order
 * (Drizzle's rule).
 */
export function insertWaitlistEmail(
  db: Db,
  email: { id: string; topic: 'waitlist-joined' | 'waitlist-offer'; now: Date },
  source: typeof waitlistEntries | typeof waitlistOffers,
  where: SQL | undefined,
) {
  return db.insert(notifications).select((qb) =>
    qb
      .select({
        id: value(email.id, 'id'),
        requestId: value(null, 'request_id'),
        channel: value('waitlist', 'channel'),
        status: value('pending', 'status'),
        attempts: value(0, 'attempts'),
        lastError: value(null, 'last_error'),
        providerMessageId: value(null, 'provider_message_id'),
        createdAt: value(email.now.getTime(), 'created_at'),
        updatedAt: value(null, 'updated_at'),
        sentAt: value(null, 'sent_at'),
        claimedUntil: value(null, 'claimed_until'),
        generation: value(0, 'generation'),
        topic: value(email.topic, 'topic'),
        dueAt: value(null, 'due_at'),
        appointmentSequence: value(null, 'appointment_sequence'),
      })
      .from(source)
      .where(where),
  )
}
