import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from '../../../platform/schema'
import { requests } from '../../bookings/store/schema'
import { notificationChannels, notificationStatuses, notificationTopics } from '../domain/vocabulary'

/**
 * The outbox: one row per request and channel, worked through by the queue
 * consumer; a waitlisted patient's emails belong to their entry instead.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    /** Null only for a waitlist email: its entry or offer names the row (`notification_id`). */
    requestId: text('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    status: text('status', { enum: notificationStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /**
     * Lease taken by the consumer just before it sends: while it lies in the future,
     * another delivery of the same notification waits instead of sending a second time.
     */
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    /**
     * Bumped by every resend; queue messages carry it, so a dead letter from an
     * older delivery chain cannot mark a fresh attempt failed.
     */
    generation: integer('generation').notNull().default(0),
    topic: text('topic', { enum: notificationTopics }).notNull().default('request'),
    /**
     * When a scheduled send (a reminder) becomes due; null sends at once. The cron
     * hands due rows to the queue; until then neither the queue nor the sweep touches them.
     */
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    /**
     * The appointment's SEQUENCE the notification was written for: a reminder whose
     * appointment has changed since is never sent (checked again just before sending).
     */
    appointmentSequence: integer('appointment_sequence'),
  },
  (table) => [
    index('notifications_due_idx').on(table.status, table.dueAt),
    index('notifications_status_created_idx').on(table.status, table.createdAt),
    index('notifications_request_idx').on(table.requestId),
  ],
)

/**
 * One row per patient address and clinic day that received an acknowledgement:
 * the key is a keyed hash of the address and the day, never the address itself.
 * The notification that claimed the day may retry its own send; any other is skipped.
 */
export const acknowledgementLog = sqliteTable(
  'acknowledgement_log',
  {
    key: text('key').primaryKey(),
    notificationId: text('notification_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('acknowledgement_log_created_idx').on(table.createdAt)],
)

export type NotificationRow = typeof notifications.$inferSelect
