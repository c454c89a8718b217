import type { Db } from '../../../platform/database'
import { checkedAgainst, type Issue, validateSection } from '../checks'
import { loadSections, refreshSettings } from '../current'
import type { SettingsSection } from '../domain/vocabulary'
import { settingsFrom } from '../sections'
import { saveSection } from '../store/settings'

export type SaveOutcome = { outcome: 'saved' } | { outcome: 'conflict' } | { outcome: 'refused'; issues: Issue[] }

/** How often a save is checked again when a section its checks read changes under it. */
const staleAttempts = 3

/**
 * Saves a section's new value when the form was opened on the revision now
 * stored and the value passes every check against the sections as they stand;
 * then reads the settings again so this isolate shows the change at once.
 * When another section the checks read is saved meanwhile, the value is
 * checked again against it.
 */
export async function saveCheckedSection(
  db: Db,
  env: Env,
  input: { section: SettingsSection; candidate: unknown; revision: number; actor: string; now: Date },
): Promise<SaveOutcome> {
  for (let attempt = 1; ; attempt++) {
    const stored = await loadSections(db, env)
    if (input.revision !== (stored.revisions[input.section] ?? 0)) return { outcome: 'conflict' }
    const checked = validateSection(input.section, input.candidate, stored.values, settingsFrom(stored.values), input.now)
    if (checked.issues) return { outcome: 'refused', issues: checked.issues }
    const saved = await saveSection(db, {
      section: input.section,
      before: stored.values[input.section],
      after: checked.value,
      expectedRevision: input.revision,
      actor: input.actor,
      now: input.now,
      checkedAgainst: Object.fromEntries(checkedAgainst[input.section].map((other) => [other, stored.revisions[other] ?? 0])),
    })
    if (saved === 'conflict' || (saved === 'stale' && attempt === staleAttempts)) return { outcome: 'conflict' }
    if (saved === 'saved') break
  }
  await refreshSettings(db, env, input.now.getTime(), true)
  return { outcome: 'saved' }
}

/** A schema's terse message ("a time such as 09:00") as a sentence a person acts on. */
export const describeIssue = (message: string): string => (message === 'required' ? 'Fill this in' : /^[a-z]/.test(message) ? `Enter ${message}` : message)
