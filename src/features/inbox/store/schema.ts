import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from '../../../platform/schema'

/** Proof that data was erased or purged: counts and times only, never whose. */
export const receipts = sqliteTable('receipts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  action: text('action', { enum: ['erasure', 'retention'] }).notNull(),
  count: integer('count').notNull(),
  createdAt: createdAt(),
})

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
