import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const requestKinds = ['contact', 'booking'] as const
export const requestStatuses = ['new', 'contacted', 'scheduled', 'closed', 'spam'] as const
export const dayPeriods = ['morning', 'afternoon', 'evening'] as const
export const heardFromChoices = ['search', 'article', 'friend', 'practitioner', 'social', 'other'] as const
/**
 * email and webhook go to the practitioner; patient is the optional
 * acknowledgement to the patient; confirmation is the patient's invitation
 * once a booking is confirmed.
 */
export const notificationChannels = ['email', 'webhook', 'patient', 'confirmation', 'appointment'] as const

/**
 * A booking's appointment, after the request (src/appointments/states.ts holds
 * the transitions between them). Null for contact requests.
 */
export const appointmentStates = [
  'requested',
  'proposed',
  'confirmed',
  'declined',
  'expired',
  'cancelled',
  'attended',
  'no-show',
  'late-cancelled',
] as const

/**
 * What a notification is about. `request`: a new request (the practitioner's
 * email and webhook, the acknowledgement). On the `appointment` channel (an email
 * to the patient): each change of their appointment, and the reminder. On the
 * practitioner's channels: what the patient did from their page.
 */
export const notificationTopics = [
  'request',
  'proposed',
  'confirmed',
  'moved',
  'cancelled',
  'declined',
  'expired',
  'reminder',
  'patient-chose',
  'patient-cancelled',
  'patient-asked',
] as const
/**
 * unknown: the send was handed to the provider but its answer never came within
 * the send bound, so it may have gone out; it is never retried by itself (a second
 * copy is worse than asking the practitioner). skipped: deliberately not sent
 * (the patient's address already had its acknowledgement that day).
 */
export const notificationStatuses = ['pending', 'sent', 'failed', 'unknown', 'skipped'] as const

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`)

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
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('requests_reference_unique').on(table.reference),
    uniqueIndex('requests_dedupe_key_unique').on(table.dedupeKey),
    index('requests_created_at_idx').on(table.createdAt),
    index('requests_email_idx').on(table.email),
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
  },
  (table) => [uniqueIndex('preferred_times_request_position_unique').on(table.requestId, table.position)],
)

/** The outbox: one row per request and channel, worked through by the queue consumer. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
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

/** Proof that data was erased or purged: counts and times only, never whose. */
export const receipts = sqliteTable('receipts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  action: text('action', { enum: ['erasure', 'retention'] }).notNull(),
  count: integer('count').notNull(),
  createdAt: createdAt(),
})

/** Signed-in inbox sessions, stored by the SHA-256 of their token. */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    id: text('id').primaryKey(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** Fingerprint of the ADMIN_PASSWORD_HASH the session signed in under: a new hash ends every older session. */
    credentialFingerprint: text('credential_fingerprint').notNull().default(''),
  },
  (table) => [index('admin_sessions_expires_idx').on(table.expiresAt)],
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

/**
 * An inbox filter held server-side behind a random id, so a patient's name or
 * email typed into the search never sits in a URL, a browser history or a log.
 */
export const inboxSearches = sqliteTable(
  'inbox_searches',
  {
    id: text('id').primaryKey(),
    /** The filter as JSON: kind, status and search text. */
    filter: text('filter').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('inbox_searches_expires_idx').on(table.expiresAt)],
)

export const articleStates = ['draft', 'scheduled', 'published', 'archived'] as const

/**
 * The practitioner's articles. Every instant is integer milliseconds since the
 * epoch (UTC): a scheduled time compared as a string is how scheduled posts
 * silently never go live. Tags and references are JSON arrays validated by the
 * frontmatter schema (src/content/frontmatter.ts) before every write.
 */
export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    references: text('references', { mode: 'json' }).$type<{ authors: string; title: string; source: string; doi: string }[]>().notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: articleStates }).notNull().default('draft'),
    /** When a scheduled article goes live; the five-minute cron publishes it once due. */
    publishAt: integer('publish_at', { mode: 'timestamp_ms' }),
    /** Shown as "published"; set by the first publication and kept through later edits. */
    firstPublishedAt: integer('first_published_at', { mode: 'timestamp_ms' }),
    /** Shown as "updated" (and JSON-LD lastReviewed) once the published text changes. */
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    /** The number of the revision the article now holds; a save names the one it started from. */
    revision: integer('revision').notNull(),
    /** Any change at all (text, state, schedule), for the editor's list. */
    changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull(),
    /**
     * SHA-256 of the repository file this article was last imported from; null
     * once it is saved in the inbox, so a later import never overwrites an edit.
     */
    importedHash: text('imported_hash'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('articles_slug_unique').on(table.slug), index('articles_state_publish_idx').on(table.state, table.publishAt)],
)

/** Every saved version of an article; an edit or a restore adds one and never changes another. */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    references: text('references', { mode: 'json' }).$type<{ authors: string; title: string; source: string; doi: string }[]>().notNull(),
    body: text('body').notNull(),
    /** The practitioner's identity, "import" or "scheduler". */
    author: text('author').notNull(),
    /** What the revision records beyond the text: "saved", "published", "restored revision 3"… */
    action: text('action').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('article_revisions_article_number_unique').on(table.articleId, table.number)],
)

/** A slug an article answered to before: its URL redirects (301) to the article's current one, forever. */
export const articleRedirects = sqliteTable('article_redirects', {
  fromSlug: text('from_slug').primaryKey(),
  articleId: text('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
})

/** Images uploaded for articles, stored in R2 under their content hash. */
export const articleImages = sqliteTable('article_images', {
  /** Hex SHA-256 of the bytes: the URL and the R2 key, so an image never changes under its URL. */
  hash: text('hash').primaryKey(),
  contentType: text('content_type', { enum: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] }).notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  byteSize: integer('byte_size').notNull(),
  alt: text('alt').notNull(),
  createdAt: createdAt(),
})

/**
 * Small shared counters and marks: `content-version` grows with every change
 * that public pages show (each isolate compares it to drop stale pages),
 * `scheduler-ran` holds when the publishing cron last ran.
 */
export const siteState = sqliteTable('site_state', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
})

export const settingsSections = ['practice', 'hours', 'time-off', 'treatments', 'policies'] as const

/**
 * The practice's details and policies as the practitioner set them in the
 * inbox, one row per section (JSON validated by src/settings/schemas.ts). A
 * section with no row still has its starting value from src/config.ts.
 */
export const practiceSettings = sqliteTable('practice_settings', {
  section: text('section', { enum: settingsSections }).primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  /** Grows with each change: a save names the revision its form showed, so two tabs cannot overwrite each other. */
  revision: integer('revision').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by').notNull(),
})

/** Every change of a section, before and after: the settings page lists them and can restore any earlier one. */
export const settingsChanges = sqliteTable(
  'settings_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    section: text('section', { enum: settingsSections }).notNull(),
    revision: integer('revision').notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>().notNull(),
    after: text('after', { mode: 'json' }).$type<unknown>().notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('settings_changes_section_revision_unique').on(table.section, table.revision), index('settings_changes_created_idx').on(table.createdAt)],
)

/**
 * Views of public pages per clinic day: `views` counts every view, `readers`
 * the distinct daily reader hashes (filled in once the day is over, from
 * `reader_marks`, and final from then on). No row holds anything about a reader.
 */
export const pageViews = sqliteTable(
  'page_views',
  {
    /** The clinic's calendar date, YYYY-MM-DD. */
    day: text('day').notNull(),
    path: text('path').notNull(),
    views: integer('views').notNull().default(0),
    readers: integer('readers').notNull().default(0),
    /** Views of /book and /contact opened from this path's article (its booking and contact links). */
    formOpens: integer('form_opens').notNull().default(0),
    /**
     * Set when the day's roll-up has counted this page's reader marks into
     * `readers`: a mark arriving later may be a reader already counted, whose
     * first mark the roll-up deleted, so it is dropped.
     */
    rolledUp: integer('rolled_up', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.day, table.path] })],
)

/**
 * Today's reader hashes per page, only to count distinct readers across
 * isolates: deleted once the day's counts are rolled up.
 */
export const readerMarks = sqliteTable(
  'reader_marks',
  {
    day: text('day').notNull(),
    path: text('path').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.path, table.hash] })],
)

/** Referring sites per clinic day: the host only (own host and no referrer left out). */
export const referrers = sqliteTable(
  'referrers',
  {
    day: text('day').notNull(),
    host: text('host').notNull(),
    views: integer('views').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.host] })],
)

export type RequestRow = typeof requests.$inferSelect
export type NewRequest = typeof requests.$inferInsert
export type PreferredTimeRow = typeof preferredTimes.$inferSelect
export type NotificationRow = typeof notifications.$inferSelect
export type RequestKind = (typeof requestKinds)[number]
export type RequestStatus = (typeof requestStatuses)[number]
export type RequestEventRow = typeof requestEvents.$inferSelect
export type DayPeriod = (typeof dayPeriods)[number]
export type NotificationChannel = (typeof notificationChannels)[number]
export type NotificationTopic = (typeof notificationTopics)[number]
export type AppointmentState = (typeof appointmentStates)[number]
export type AppointmentProposalRow = typeof appointmentProposals.$inferSelect
export type ArticleState = (typeof articleStates)[number]
export type ArticleRow = typeof articles.$inferSelect
export type ArticleRevisionRow = typeof articleRevisions.$inferSelect
export type ArticleImageRow = typeof articleImages.$inferSelect
export type SettingsSection = (typeof settingsSections)[number]
export type SettingsChangeRow = typeof settingsChanges.$inferSelect
export type HeardFrom = (typeof heardFromChoices)[number]
