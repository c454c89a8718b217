import { env } from 'cloudflare:workers'
import type { Child } from 'hono/jsx'
import { loadSections, refreshSettings } from '../../src/features/settings/current'
import { readAppointmentPolicy } from '../../src/features/settings/domain/appointment-policy'
import type { SettingsSection } from '../../src/features/settings/domain/vocabulary'
import { withPractice } from '../../src/features/settings/practice-details'
import { defaultSections, type SectionValues, type Settings, settingsFrom } from '../../src/features/settings/sections'
import { saveSection } from '../../src/features/settings/store/settings'
import { db } from './forms'

/**
 * Saves one section as the inbox does (the value it holds now, changed by
 * `change`) and makes this isolate read the settings again at once.
 */
async function saveSettings<S extends SettingsSection>(section: S, change: (value: SectionValues[S]) => SectionValues[S]): Promise<void> {
  const { values, revisions } = await loadSections(db(), env)
  const saved = await saveSection(db(), {
    section,
    before: values[section],
    after: change(values[section]),
    expectedRevision: revisions[section] ?? 0,
    actor: 'test',
    now: new Date(),
  })
  if (saved !== 'saved') throw new Error(`the ${section} section was saved meanwhile`)
  await refreshSettings(db(), env, Date.now(), true)
}

/**
 * Runs `run` with one section saved as `change` makes it, then saves the
 * value it had back: the other tests of the file see the settings they began with.
 */
export async function withSettings<S extends SettingsSection, T>(
  section: S,
  change: (value: SectionValues[S]) => SectionValues[S],
  run: () => Promise<T>,
): Promise<T> {
  const before = (await loadSections(db(), env)).values[section]
  await saveSettings(section, change)
  try {
    return await run()
  } finally {
    await saveSettings(section, () => before)
  }
}

/** The settings of a deployment whose practitioner has saved no section yet. */
export const startingSettings: Settings = settingsFrom(defaultSections(readAppointmentPolicy(env)))

/** A page's HTML as its route renders it: its layout handed the practice's details of `settings`. */
export const renderPage = async (page: Child, settings: Settings = startingSettings): Promise<string> => String(await withPractice(settings, page).toString())

/**
 * Saves the practice's phone as another isolate would (the row, its change
 * record and the content version, nothing in this isolate's copy) at `now`,
 * and returns the save that puts the phone back, to run at the test's end.
 */
export async function savePhoneElsewhere(phone: string, now: Date): Promise<(at: Date) => Promise<unknown>> {
  const { values, revisions } = await loadSections(db(), env)
  const revision = revisions.practice ?? 0
  const saved = await saveSection(db(), {
    section: 'practice',
    before: values.practice,
    after: { ...values.practice, phone },
    expectedRevision: revision,
    actor: 'test',
    now,
  })
  if (saved !== 'saved') throw new Error('the practice section was saved meanwhile')
  return (at) =>
    saveSection(db(), {
      section: 'practice',
      before: { ...values.practice, phone },
      after: values.practice,
      expectedRevision: revision + 1,
      actor: 'test',
      now: at,
    })
}
