import type { SQL } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { type NotificationChannel, type NotificationTopic, notifications } from '../../notifications'
import { requests } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** An outbox row to write under a guard over `requests`. */
export interface GuardedNotification {
  id: string
  channel: NotificationChannel
  topic: NotificationTopic
  /** A scheduled send (a reminder); omitted, it goes at once. */
  dueAt?: Date
}

/**
 * The insert of one outbox row for each request `guard` matches (at most one):
 * an insert from a select, so the row is written only while the guard holds
 * at that point of the batch. Insert-from-select lists every column in table
 * order (Drizzle's rule).
 */
export const insertGuardedNotification = (db: Db, notification: GuardedNotification, guard: SQL, write: { sequence: SQL; now: number }) =>
  db.insert(notifications).select((qb) =>
    qb
      .select({
        id: value(notification.id, 'id'),
        requestId: requests.id,
        channel: value(notification.channel, 'channel'),
        status: value('pending', 'status'),
        attempts: value(0, 'attempts'),
        lastError: value(null, 'last_error'),
        providerMessageId: value(null, 'provider_message_id'),
        createdAt: value(write.now, 'created_at'),
        updatedAt: value(null, 'updated_at'),
        sentAt: value(null, 'sent_at'),
        claimedUntil: value(null, 'claimed_until'),
        generation: value(0, 'generation'),
        topic: value(notification.topic, 'topic'),
        dueAt: value(notification.dueAt?.getTime() ?? null, 'due_at'),
        appointmentSequence: write.sequence.as('appointment_sequence'),
      })
      .from(requests)
      .where(guard),
  )
