import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { currentSettings, loadSections, refreshSettings } from '../../../../src/features/settings/current'
import type { SettingsSection } from '../../../../src/features/settings/domain/vocabulary'
import { formValuesOf } from '../../../../src/features/settings/views/form-values'
import { type AdminSession, adminPost } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'

/** A section's form as the settings page fills it now, its revision included. */
export async function settingsForm(section: SettingsSection): Promise<Record<string, string>> {
  const { values, revisions } = await loadSections(db(), env)
  return { ...formValuesOf(section, values[section]), revision: String(revisions[section] ?? 0) }
}

/** Posts a section's form with some fields changed. */
export const postSection = (session: AdminSession, section: SettingsSection, fields: Record<string, string>) =>
  adminPost(session, `/admin/settings/${section}`, fields)

/** Saves a section through its form (expecting the 303 back to the page) and reads the settings again. */
export async function saveSection(session: AdminSession, section: SettingsSection, changes: Record<string, string>) {
  const response = await postSection(session, section, { ...(await settingsForm(section)), ...changes })
  expect(response.status, summaryOf(await response.clone().text()).join('; ')).toBe(303)
  expect(response.headers.get('Location')).toBe(`/admin/settings/${section}?saved=1`)
  await refreshSettings(db(), env, Date.now(), true)
  return currentSettings()
}

/** The error summary's messages. */
export const summaryOf = (html: string) =>
  [...(/<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<li>(?:<a [^>]*>)?([^<]*)/g)].map((match) => match[1])
