import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt } from '../../../platform/schema'
import { settingsSections } from '../domain/vocabulary'

/**
 * The practice's details and policies as the practitioner set them in the
 * inbox, one row per section (JSON validated by src/features/settings/schemas.ts). A
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
  (table) => [
    uniqueIndex('settings_changes_section_revision_unique').on(table.section, table.revision),
    index('settings_changes_created_idx').on(table.createdAt),
  ],
)

export type SettingsChangeRow = typeof settingsChanges.$inferSelect
