import { and, desc, eq } from 'drizzle-orm'
import type { Db } from './client'
import { practiceSettings, settingsChanges, type SettingsChangeRow, type SettingsSection } from './schema'
import { bumpContentVersion } from './site-state'

export interface StoredSection {
  section: SettingsSection
  value: unknown
  revision: number
  updatedAt: Date
  updatedBy: string
}

/** Every section the practitioner has saved (a section never saved has no row and keeps its starting value). */
export async function readStoredSections(db: Db): Promise<StoredSection[]> {
  return db.select().from(practiceSettings)
}

/**
 * Saves a section as one batch: the change record (before and after) under
 * the revision after `expectedRevision`, the new value, and the content
 * version every isolate checks. The change record's (section, revision) is
 * unique, so when another tab saved first the insert fails, D1 rolls the whole
 * batch back, and the caller answers 409 with nothing written.
 */
export async function saveSection(
  db: Db,
  input: { section: SettingsSection; before: unknown; after: unknown; expectedRevision: number; actor: string; now: Date },
): Promise<'saved' | 'conflict'> {
  const revision = input.expectedRevision + 1
  try {
    await db.batch([
      db.insert(settingsChanges).values({ section: input.section, revision, before: input.before, after: input.after, actor: input.actor, createdAt: input.now }),
      db
        .insert(practiceSettings)
        .values({ section: input.section, value: input.after, revision, updatedAt: input.now, updatedBy: input.actor })
        .onConflictDoUpdate({ target: practiceSettings.section, set: { value: input.after, revision, updatedAt: input.now, updatedBy: input.actor } }),
      bumpContentVersion(db, input.now),
    ])
  } catch (error) {
    if (String((error as Error)?.message ?? error).includes('UNIQUE constraint failed: settings_changes')) return 'conflict'
    throw error
  }
  return 'saved'
}

/** The latest changes across all sections, newest first. */
export async function listSettingsChanges(db: Db, limit = 20): Promise<SettingsChangeRow[]> {
  return db.select().from(settingsChanges).orderBy(desc(settingsChanges.createdAt), desc(settingsChanges.id)).limit(limit)
}

/** One recorded change of a section, to show or restore. */
export async function findSettingsChange(db: Db, section: SettingsSection, revision: number): Promise<SettingsChangeRow | undefined> {
  const [row] = await db.select().from(settingsChanges).where(and(eq(settingsChanges.section, section), eq(settingsChanges.revision, revision)))
  return row
}
