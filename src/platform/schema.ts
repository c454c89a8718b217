import { sql } from 'drizzle-orm'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`)

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
