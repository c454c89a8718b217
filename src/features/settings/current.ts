/**
 * The one way the site reads the practice's details and policies:
 * `currentSettings()`. Each isolate keeps the sections it last read and reads
 * them again before serving once that copy is older than `maxAgeMs`, so a
 * change made in the inbox shows everywhere within that bound (the content
 * version the save bumps empties every isolate's page cache in the same time).
 */

import type { Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { readAppointmentPolicy } from './domain/appointment-policy'
import type { SettingsSection } from './domain/vocabulary'
import { defaultSections, type SectionValues, type Settings, sectionSchemas, settingsFrom } from './sections'
import { readStoredSections } from './store/settings'

export const maxAgeMs = 5_000

/** After a failed reading, the wait before the next one: doubling from the first to the last, reset by a reading that succeeds. */
export const retryDelaysMs = { first: 1_000, last: 60_000 }

type PolicyVars = Parameters<typeof readAppointmentPolicy>[0]

/** One isolate's copy of the settings: its own sections, when it read them, and its reading in flight. */
export interface SettingsCopy {
  current(): Settings
  revision(section: SettingsSection): number
  refresh(db: Db, vars: PolicyVars, now: number, force?: boolean): Promise<void>
}

/**
 * A copy of the settings that reads the sections again when it is `maxAgeMs`
 * old or more (or `force`), one reading at a time. A failed reading keeps the
 * last good copy and is not tried again before a delay that doubles with each
 * failure: while D1 fails, requests are served from that copy instead of each
 * waiting on a reading that fails.
 */
export function createSettingsCopy(): SettingsCopy {
  let current: Settings = settingsFrom(defaultSections(readAppointmentPolicy({})))
  let revisions: Partial<Record<SettingsSection, number>> = {}
  let readAt = Number.NEGATIVE_INFINITY
  let reading: Promise<void> | undefined
  let retryAt = Number.NEGATIVE_INFINITY
  let retryDelayMs = retryDelaysMs.first
  return {
    current: () => current,
    revision: (section) => revisions[section] ?? 0,
    async refresh(db, vars, now, force = false) {
      if (!force && (now - readAt < maxAgeMs || now < retryAt)) return
      // A forced reading begins after the call: one already under way may have begun before the write it is forced for.
      if (force && reading) await reading
      reading ??= (async () => {
        try {
          const loaded = await loadSections(db, vars)
          current = settingsFrom(loaded.values)
          revisions = loaded.revisions
          readAt = now
          retryDelayMs = retryDelaysMs.first
        } catch (error) {
          retryAt = now + retryDelayMs
          logEvent('warn', 'settings_unread', { error: describeError(error), retryInMs: retryDelayMs })
          retryDelayMs = Math.min(retryDelayMs * 2, retryDelaysMs.last)
        } finally {
          reading = undefined
        }
      })()
      await reading
    },
  }
}

const isolateCopy = createSettingsCopy()

/** The practice's settings as this isolate last read them (at most `maxAgeMs` old while requests come in). */
export const currentSettings = (): Settings => isolateCopy.current()

/** The revision each section's form was opened on (0 for a section never saved). */
export const currentRevision = (section: SettingsSection): number => isolateCopy.revision(section)

/** The sections as the inbox's forms edit them: saved values over the starting ones. */
export async function loadSections(db: Db, vars: PolicyVars): Promise<{ values: SectionValues; revisions: Partial<Record<SettingsSection, number>> }> {
  const values = defaultSections(readAppointmentPolicy(vars))
  const found: Partial<Record<SettingsSection, number>> = {}
  for (const row of await readStoredSections(db)) {
    const parsed = sectionSchemas[row.section].safeParse(row.value)
    // A row that no longer fits its schema (an older shape) is skipped, not trusted: the starting value stands.
    if (!parsed.success) {
      logEvent('error', 'settings_section_unreadable', { section: row.section })
      continue
    }
    ;(values as Record<SettingsSection, unknown>)[row.section] = parsed.data
    found[row.section] = row.revision
  }
  return { values, revisions: found }
}

/**
 * Brings this isolate's copy up to date when it is `maxAgeMs` old or more (or
 * `force`). Awaited before anything that shows or checks a setting: a request
 * never works from a copy older than the bound.
 */
export const refreshSettings = (db: Db, vars: PolicyVars, now: number, force = false): Promise<void> => isolateCopy.refresh(db, vars, now, force)
