import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { bumpContentVersion } from '../../../platform/site-state'
import type { SettingsSection } from '../domain/vocabulary'
import { practiceSettings, type SettingsChangeRow, settingsChanges } from './schema'

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
 *
 * `checkedAgainst` holds the revisions of the other sections the new value was
 * checked against: both writes happen only while they still stand, so a rule
 * that spans two sections (a shown treatment fits some opening range) cannot
 * be broken by two saves landing together. 'stale' says one of them moved and
 * neither the record nor the value was written: check the value again against the sections as they are.
 */
export async function saveSection(
  db: Db,
  input: {
    section: SettingsSection
    before: unknown
    after: unknown
    expectedRevision: number
    actor: string
    now: Date
    checkedAgainst?: Partial<Record<SettingsSection, number>>
  },
): Promise<'saved' | 'conflict' | 'stale'> {
  const revision = input.expectedRevision + 1
  const stillStanding = sql.join(
    [
      sql`1`,
      ...Object.entries(input.checkedAgainst ?? {}).map(
        ([section, standing]) =>
          sql`coalesce((select ${practiceSettings.revision} from ${practiceSettings} where ${practiceSettings.section} = ${section}), 0) = ${standing}`,
      ),
    ],
    sql` and `,
  )
  const [before, after, at] = [JSON.stringify(input.before), JSON.stringify(input.after), input.now.getTime()]
  try {
    // Inserts from a select that yields its one row only while the other sections stand (columns in the tables' order).
    const [recorded] = await db.batch([
      db.insert(settingsChanges).select(sql`select null, ${input.section}, ${revision}, ${before}, ${after}, ${input.actor}, ${at} where ${stillStanding}`),
      db
        .insert(practiceSettings)
        .select(sql`select ${input.section}, ${after}, ${revision}, ${at}, ${input.actor} where ${stillStanding}`)
        .onConflictDoUpdate({ target: practiceSettings.section, set: { value: sql`excluded.value`, revision, updatedAt: input.now, updatedBy: input.actor } }),
      bumpContentVersion(db, input.now),
    ])
    if (recorded.meta.changes === 0) return 'stale'
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
  const [row] = await db
    .select()
    .from(settingsChanges)
    .where(and(eq(settingsChanges.section, section), eq(settingsChanges.revision, revision)))
  return row
}

/** The changes of the opening hours and time off made after `since`, oldest first. */
export async function listWeekChangesSince(db: Db, since: Date): Promise<Pick<SettingsChangeRow, 'section' | 'before' | 'createdAt'>[]> {
  return db
    .select({ section: settingsChanges.section, before: settingsChanges.before, createdAt: settingsChanges.createdAt })
    .from(settingsChanges)
    .where(and(inArray(settingsChanges.section, ['hours', 'time-off']), gt(settingsChanges.createdAt, since)))
    .orderBy(asc(settingsChanges.createdAt), asc(settingsChanges.id))
}
