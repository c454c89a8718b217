import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from '../../../platform/schema'

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
