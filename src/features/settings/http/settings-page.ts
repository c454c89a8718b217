import { createDb } from '../../../platform/database'
import { zonedDate } from '../../../platform/time-zone'
import { listAgenda } from '../../bookings'
import { listAffected } from '../affected'
import { loadSections } from '../current'
import { type SettingsSection, settingsSections } from '../domain/vocabulary'
import { settingsFrom } from '../sections'
import { listSettingsChanges } from '../store/settings'
import { formValuesOf } from '../views/form-values'
import type { SectionPageProps } from '../views/SectionPage'
import type { SettingsPageProps } from '../views/SettingsPage'

/** Far enough ahead to hold any appointment a booking horizon allows. */
const affectedDays = 2 * 366

/** The settings' overview as stored now: the revisions, the latest changes and the appointments a change left outside the week. */
export async function readSettingsPage(env: Env, now: Date): Promise<Omit<SettingsPageProps, 'csrfToken'>> {
  const db = createDb(env.DB)
  const stored = await loadSections(db, env)
  const settings = settingsFrom(stored.values)
  const [changes, upcoming] = await Promise.all([
    listSettingsChanges(db, 20),
    listAgenda(db, { from: zonedDate(now, settings.timeZone), days: affectedDays, timeZone: settings.timeZone }),
  ])
  const coming = upcoming.filter((entry) => entry.start >= now)
  const reasons = await listAffected(db, coming, settings)
  const affected = coming.flatMap((entry) => {
    const reason = reasons[entry.id]
    return reason ? [{ id: entry.id, reference: entry.reference, start: entry.start, reason }] : []
  })
  const revisions = Object.fromEntries(settingsSections.map((section) => [section, stored.revisions[section] ?? 0])) as Record<SettingsSection, number>
  return { revisions, changes, affected, timeZone: settings.timeZone, currency: settings.currency, locale: settings.locale }
}

/** One section's page as stored now: its form filled with the values and revision now stored. */
export async function readSectionPage(env: Env, section: SettingsSection): Promise<Omit<SectionPageProps, 'csrfToken'>> {
  const stored = await loadSections(createDb(env.DB), env)
  return {
    section,
    form: { values: formValuesOf(section, stored.values[section]), errors: {}, revision: stored.revisions[section] ?? 0 },
    currency: settingsFrom(stored.values).currency,
  }
}

export const isSection = (value: unknown): value is SettingsSection => (settingsSections as readonly unknown[]).includes(value)
