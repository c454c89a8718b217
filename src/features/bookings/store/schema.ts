import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { Weekday } from '../../../config'
import { createdAt } from '../../../platform/schema'
import {
  appointmentStates,
  bookingRoutesTaken,
  type DayPeriod,
  dayPeriods,
  heardFromChoices,
  requestKinds,
  requestStatuses,
  threadAuthors,
  waitlistEndings,
  waitlistOfferOutcomes,
} from '../domain/vocabulary'

/** A patient's contact or booking request; kind-specific columns are null for the other kind. */
export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull(),
    kind: text('kind', { enum: requestKinds }).notNull(),
    status: text('status', { enum: requestStatuses }).notNull().default('new'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    preferredContact: text('preferred_contact', { enum: ['email', 'phone'] }),
    message: text('message'),
    serviceId: text('service_id'),
    /**
     * The treatment as the patient saw it when they asked: its name, length and
     * price may change or it may be hidden later, and the request still shows it as it was.
     */
    serviceName: text('service_name'),
    serviceDurationMinutes: integer('service_duration_minutes'),
    servicePriceCents: integer('service_price_cents'),
    painType: text('pain_type'),
    patientStatus: text('patient_status', { enum: ['new', 'returning'] }),
    /** The article the patient came from (a real slug at the time, never free text). */
    sourceArticle: text('source_article'),
    /** The answer to "How did you hear about us?", when given. */
    heardFrom: text('heard_from', { enum: heardFromChoices }),
    notes: text('notes'),
    /**
     * Keyed hash of the submitted content. Unique while set: a repeat within the
     * duplicate window collides and is answered with the first reference; older
     * keys are cleared in the same batch so the same text may be sent again later.
     */
    dedupeKey: text('dedupe_key'),
    /** The practitioner's private note; never sent anywhere. */
    note: text('note'),
    /** The confirmed appointment, set once (a second confirmation finds it set and stops). */
    confirmedStart: integer('confirmed_start', { mode: 'timestamp_ms' }),
    confirmedEnd: integer('confirmed_end', { mode: 'timestamp_ms' }),
    /** Where a booking's appointment stands; null for a contact request. */
    appointmentState: text('appointment_state', { enum: appointmentStates }),
    /** Who cancelled, when the appointment is cancelled. */
    cancelledBy: text('cancelled_by', { enum: ['clinic', 'patient'] }),
    /** The practitioner's short reason, sent to the patient with a decline or a cancellation. */
    appointmentReason: text('appointment_reason'),
    /**
     * The invitation's SEQUENCE (RFC 5546): grows with every change of time or
     * state that the patient's calendar must apply, under one UID per request.
     */
    appointmentSequence: integer('appointment_sequence').notNull().default(0),
    /**
     * Grows with every change of the appointment (each transition, proposals and
     * patients' asks included). Every form that changes the appointment carries
     * the revision its page showed and the write is guarded on it, so a change
     * from a page older than the last one writes nothing (409).
     */
    appointmentRevision: integer('appointment_revision').notNull().default(0),
    /**
     * The revision the patient's latest ask for other times wrote. While it is
     * still the appointment's revision (nothing changed since), that ask is
     * pending: a repeat replaces the times but tells the practitioner nothing new.
     */
    askedAtRevision: integer('asked_at_revision'),
    /**
     * Name and email folded in JavaScript (lower case, accents removed
     * through NFKD): SQLite's lower() and LIKE fold ASCII only. Null on rows written
     * before it existed until the hourly backfill fills them in.
     */
    searchKey: text('search_key'),
    /** How the booking came: a request the practitioner answers, a free time taken at once, or a time taken from a waitlist offer. */
    bookedVia: text('booked_via', { enum: bookingRoutesTaken }).notNull().default('request'),
    /**
     * Keyed hash (FORM_SECRET) of the client that took a time directly, never
     * its address: upcoming direct bookings are capped per client as per email.
     */
    clientKey: text('client_key'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('requests_reference_unique').on(table.reference),
    uniqueIndex('requests_dedupe_key_unique').on(table.dedupeKey),
    index('requests_created_at_idx').on(table.createdAt),
    index('requests_email_idx').on(table.email),
    index('requests_client_key_idx').on(table.clientKey),
    index('requests_confirmed_idx').on(table.confirmedStart),
    index('requests_appointment_state_idx').on(table.appointmentState, table.createdAt),
  ],
)

/** The exact times the practitioner proposed, replaced by each new proposal. */
export const appointmentProposals = sqliteTable(
  'appointment_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    start: integer('start', { mode: 'timestamp_ms' }).notNull(),
    end: integer('end', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('appointment_proposals_request_position_unique').on(table.requestId, table.position)],
)

/**
 * Links to the patient's page (/manage/<token>): only the SHA-256 of each token
 * is stored. Each email mints its own, and every one stays valid, so an older
 * email's link still opens the page and shows the current state. Erasing the
 * request deletes them.
 */
export const manageTokens = sqliteTable(
  'manage_tokens',
  {
    hash: text('hash').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [index('manage_tokens_request_idx').on(table.requestId)],
)

/** The practitioner's private calendar feed: the SHA-256 of its secret URL part; regenerating replaces the row. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  hash: text('hash').primaryKey(),
  createdAt: createdAt(),
})

export const preferredTimes = sqliteTable(
  'preferred_times',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    date: text('date').notNull(),
    period: text('period', { enum: dayPeriods }).notNull(),
    /** The exact free start the patient picked (a request for a treatment booked by request); null for a period asked for. */
    start: integer('start', { mode: 'timestamp_ms' }),
  },
  (table) => [uniqueIndex('preferred_times_request_position_unique').on(table.requestId, table.position)],
)

/**
 * The request's conversation: what the clinic wrote to the patient from the
 * inbox (sent through the outbox row `notification_id`, whose status is the
 * message's delivery) and what the patient wrote back by email (its text with
 * the quoted history cut; attachments are counted, never kept).
 */
export const threadMessages = sqliteTable(
  'thread_messages',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    author: text('author', { enum: threadAuthors }).notNull(),
    body: text('body').notNull(),
    /** The clinic's message: the outbox row that sends it. */
    notificationId: text('notification_id'),
    /** The patient's email: how many attachments it carried (not kept). */
    attachments: integer('attachments').notNull().default(0),
    /** The patient's email's Message-ID: the same email handed over twice is stored once. */
    messageId: text('message_id'),
    createdAt: createdAt(),
  },
  (table) => [
    index('thread_messages_request_created_idx').on(table.requestId, table.createdAt),
    uniqueIndex('thread_messages_request_message_unique').on(table.requestId, table.messageId),
  ],
)

/** What the practitioner did to a request, with who and when: status changes, notes, resends, confirmations. */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    /** `appointment`: a change of the appointment's state; detail "from → to", actor practitioner, patient or system. */
    action: text('action', { enum: ['status', 'note', 'resend', 'confirm', 'appointment'] }).notNull(),
    detail: text('detail').notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('request_events_request_idx').on(table.requestId)],
)

export type RequestRow = typeof requests.$inferSelect

export type NewRequest = typeof requests.$inferInsert

export type PreferredTimeRow = typeof preferredTimes.$inferSelect

export type RequestEventRow = typeof requestEvents.$inferSelect

export type AppointmentProposalRow = typeof appointmentProposals.$inferSelect

/**
 * The practitioner's own calendar as busy times: only when each event starts
 * and ends (never its title, notes or guests), replaced whole by each good read.
 */
export const busyBlocks = sqliteTable(
  'busy_blocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    start: integer('start', { mode: 'timestamp_ms' }).notNull(),
    end: integer('end', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('busy_blocks_start_idx').on(table.start)],
)

/**
 * The one row of how the practitioner's calendar was last read. `feedUrl` is
 * the secret address they pasted (it grants read access to their calendar,
 * so it lives here rather than in the public settings). `feedHash` is the
 * SHA-256 of the address the ETag and Last-Modified belong to, so a new
 * address is read whole, never answered "not modified" for the old one.
 */
export const busyCalendarState = sqliteTable('busy_calendar_state', {
  id: integer('id').primaryKey(),
  feedUrl: text('feed_url'),
  feedHash: text('feed_hash'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastGoodReadAt: integer('last_good_read_at', { mode: 'timestamp_ms' }),
  blocksCount: integer('blocks_count').notNull().default(0),
  lastError: text('last_error'),
  lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
})

export type BusyCalendarStateRow = typeof busyCalendarState.$inferSelect

/**
 * A patient waiting for a time that suits: the treatment (as seen when they
 * joined), the clinic dates, weekdays and parts of the day they could come.
 * Their private page's link is stored only as its SHA-256. An entry is active
 * from `createdAt` until `expiresAt`, unless it ended earlier (`endedAt`).
 */
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    serviceId: text('service_id').notNull(),
    serviceName: text('service_name').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    patientStatus: text('patient_status', { enum: ['new', 'returning'] }).notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    days: text('days', { mode: 'json' }).$type<Weekday[]>().notNull(),
    parts: text('parts', { mode: 'json' }).$type<DayPeriod[]>().notNull(),
    /**
     * Matching starts (epoch ms) already free and known to the patient, so not
     * news: those free when they joined, less each one taken since (a start
     * that is taken and then freed again is news).
     */
    knownFree: text('known_free', { mode: 'json' }).$type<number[]>().notNull(),
    /** The outbox row of the email saying they joined (the outbox's own column names requests only). */
    joinedNotificationId: text('joined_notification_id').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    endedReason: text('ended_reason', { enum: waitlistEndings }),
  },
  (table) => [
    index('waitlist_entries_active_idx').on(table.endedAt, table.expiresAt),
    index('waitlist_entries_joined_notification_idx').on(table.joinedNotificationId),
  ],
)

/**
 * A free start matching a waitlist entry: recorded when first seen free, sent
 * once it has stayed free past `sendAfter` (outside the quiet hours), at most
 * once per entry and start. `notificationId` is the offer email's outbox row.
 */
export const waitlistOffers = sqliteTable(
  'waitlist_offers',
  {
    id: text('id').primaryKey(),
    entryId: text('entry_id')
      .notNull()
      .references(() => waitlistEntries.id, { onDelete: 'cascade' }),
    start: integer('start', { mode: 'timestamp_ms' }).notNull(),
    end: integer('end', { mode: 'timestamp_ms' }).notNull(),
    firstSeenAt: integer('first_seen_at', { mode: 'timestamp_ms' }).notNull(),
    sendAfter: integer('send_after', { mode: 'timestamp_ms' }).notNull(),
    /** Offered by the practitioner by hand: no settling, no daily cap. */
    byHand: integer('by_hand', { mode: 'boolean' }).notNull().default(false),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    notificationId: text('notification_id'),
    outcome: text('outcome', { enum: waitlistOfferOutcomes }),
  },
  (table) => [
    uniqueIndex('waitlist_offers_entry_start_unique').on(table.entryId, table.start),
    index('waitlist_offers_notification_idx').on(table.notificationId),
  ],
)

export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect

export type WaitlistOfferRow = typeof waitlistOffers.$inferSelect
