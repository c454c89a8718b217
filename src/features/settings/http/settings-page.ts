import type { Db } from '../../../platform/database'
import type { SettingsSources } from '../affected-appointments'
import { loadSections } from '../current'
import { type SettingsSection, settingsSections } from '../domain/vocabulary'
import { settingsFrom } from '../sections'
import { listSettingsChanges } from '../store/settings'
import { formValuesOf } from '../views/form-values'
import type { SectionPageProps } from '../views/SectionPage'
import type { SettingsPageProps } from '../views/SettingsPage'

/**
 * The settings' overview as stored now: the revisions, the latest changes,
 * the appointments a change left outside the week, and why direct booking
 * fell back to requests, if it did.
 */
export async function readSettingsPage(db: Db, env: Env, now: Date, sources: SettingsSources): Promise<Omit<SettingsPageProps, 'csrfToken'>> {
  const stored = await loadSections(db, env)
  const settings = settingsFrom(stored.values)
  const [changes, affected, calendarFallback] = await Promise.all([
    listSettingsChanges(db, 20),
    sources.listAffectedAppointments(db, settings, now),
    sources.findCalendarFallback(db, now),
  ])
  const revisions = Object.fromEntries(settingsSections.map((section) => [section, stored.revisions[section] ?? 0])) as Record<SettingsSection, number>
  return { revisions, changes, affected, calendarFallback, timeZone: settings.timeZone, currency: settings.currency, locale: settings.locale }
}

/** One section's page as stored now: its form filled with the values and revision now stored. */
export async function readSectionPage(db: Db, env: Env, section: SettingsSection): Promise<Omit<SectionPageProps, 'csrfToken'>> {
  const stored = await loadSections(db, env)
  return {
    section,
    form: { values: formValuesOf(section, stored.values[section]), errors: {}, revision: stored.revisions[section] ?? 0 },
    currency: settingsFrom(stored.values).currency,
  }
}

export const isSection = (value: unknown): value is SettingsSection => (settingsSections as readonly unknown[]).includes(value)
