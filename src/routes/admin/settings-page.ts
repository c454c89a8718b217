import { listAgenda } from '../../db/appointment-queries'
import { createDb } from '../../db/client'
import { settingsSections, type SettingsSection } from '../../db/schema'
import { listSettingsChanges } from '../../db/settings'
import { zonedDate } from '../../lib/time-zone'
import { listAffected } from '../../settings/affected'
import { loadSections } from '../../settings/current'
import { settingsFrom } from '../../settings/sections'
import { formValuesOf } from '../../views/pages/admin/settings/form-values'
import type { SettingsPageProps } from '../../views/pages/admin/settings/SettingsPage'

/** Far enough ahead to hold any appointment a booking horizon allows. */
const affectedDays = 2 * 366

/** The settings page as stored now: each section's form, the latest changes and the appointments outside the week. */
export async function readSettingsPage(env: Env, now: Date): Promise<Omit<SettingsPageProps, 'csrfToken'>> {
  const db = createDb(env.DB)
  const stored = await loadSections(db, env)
  const settings = settingsFrom(stored.values)
  const [changes, upcoming] = await Promise.all([
    listSettingsChanges(db, 20),
    listAgenda(db, { from: zonedDate(now, settings.timeZone), days: affectedDays, timeZone: settings.timeZone }),
  ])
  const forms = Object.fromEntries(
    settingsSections.map((section) => [section, { values: formValuesOf(section, stored.values[section]), errors: {}, revision: stored.revisions[section] ?? 0 }]),
  ) as SettingsPageProps['forms']
  const coming = upcoming.filter((entry) => entry.start >= now)
  const reasons = await listAffected(db, coming, settings)
  const affected = coming.flatMap((entry) => {
    const reason = reasons[entry.id]
    return reason ? [{ id: entry.id, reference: entry.reference, start: entry.start, reason }] : []
  })
  return { forms, changes, affected, timeZone: settings.timeZone, currency: settings.currency }
}

export const isSection = (value: unknown): value is SettingsSection => (settingsSections as readonly unknown[]).includes(value)
