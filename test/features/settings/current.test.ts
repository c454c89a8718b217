import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { defaultPractice } from '../../../src/config'
import {
  createSettingsCopy,
  currentRevision,
  currentSettings,
  loadSections,
  maxAgeMs,
  refreshSettings,
  retryDelaysMs,
} from '../../../src/features/settings/current'
import { readAppointmentPolicy } from '../../../src/features/settings/domain/appointment-policy'
import { defaultSections, settingsFrom } from '../../../src/features/settings/sections'
import { practiceSettings } from '../../../src/features/settings/store/schema'
import { saveSection } from '../../../src/features/settings/store/settings'
import { createDb } from '../../../src/platform/database'
import { wrapBinding } from '../../helpers/bindings'
import { db } from '../../helpers/forms'

// The isolate's copy is module state, so each test reads at an instant of its own, far apart.
let clock = 1_000_000_000_000
const later = () => (clock += 10 * maxAgeMs)
const practiceWith = (clinicName: string) => ({ ...currentSettings(), clinicName, practitioner: { ...currentSettings().practitioner } })
const practiceSection = (clinicName: string) => {
  const { clinicName: _name, practitioner, address, phone, email, conditionsTreated } = practiceWith(clinicName)
  return { clinicName, practitioner, address, phone, email, conditionsTreated: [...conditionsTreated] }
}

describe('the current settings', () => {
  it('start from the config and the vars, and show a saved section once the copy is older than the bound, not before', async () => {
    const start = later()
    await refreshSettings(db(), env, start, true)
    expect(currentSettings().policy.cancelNoticeHours).toBe(Number(env.CANCEL_NOTICE_HOURS))
    const revision = currentRevision('practice')
    const name = `Renamed Clinic ${start}`
    expect(
      await saveSection(db(), {
        section: 'practice',
        before: {},
        after: practiceSection(name),
        expectedRevision: revision,
        actor: 'test',
        now: new Date(start),
      }),
    ).toBe('saved')

    await refreshSettings(db(), env, start + maxAgeMs - 1)
    expect(currentSettings().clinicName).not.toBe(name)
    await refreshSettings(db(), env, start + maxAgeMs)
    expect(currentSettings().clinicName).toBe(name)
    expect(currentRevision('practice')).toBe(revision + 1)
    expect(currentSettings().timeZone).toBe(defaultPractice.timeZone)
  })

  it('refuses a save from a form opened on an older revision, writing nothing', async () => {
    await refreshSettings(db(), env, later(), true)
    const revision = currentRevision('practice')
    const first = await saveSection(db(), {
      section: 'practice',
      before: {},
      after: practiceSection('First tab'),
      expectedRevision: revision,
      actor: 'test',
      now: new Date(clock),
    })
    const second = await saveSection(db(), {
      section: 'practice',
      before: {},
      after: practiceSection('Second tab'),
      expectedRevision: revision,
      actor: 'test',
      now: new Date(clock),
    })
    expect([first, second]).toEqual(['saved', 'conflict'])
    await refreshSettings(db(), env, later(), true)
    expect(currentSettings().clinicName).toBe('First tab')
  })

  it('keeps the starting value of a stored section that no longer fits its schema', async () => {
    await refreshSettings(db(), env, later(), true)
    const name = `Readable ${clock}`
    await saveSection(db(), {
      section: 'practice',
      before: {},
      after: practiceSection(name),
      expectedRevision: currentRevision('practice'),
      actor: 'test',
      now: new Date(clock),
    })
    await db()
      .insert(practiceSettings)
      .values({ section: 'hours', value: { weekly: 'closed' }, revision: 1, updatedAt: new Date(), updatedBy: 'test' })
    await refreshSettings(db(), env, later(), true)
    expect(currentSettings().openingHours).toEqual(defaultPractice.openingHours)
    expect(currentSettings().clinicName).toBe(name)
  })
})

describe('two isolates', () => {
  it('a change saved through one shows in the other once its copy is five seconds old, never later', async () => {
    const [first, second] = [createSettingsCopy(), createSettingsCopy()]
    const start = later()
    await Promise.all([first.refresh(db(), env, start), second.refresh(db(), env, start)])
    const name = `Seen by both ${start}`
    const section = { ...practiceSection(name) }
    expect(
      await saveSection(db(), {
        section: 'practice',
        before: {},
        after: section,
        expectedRevision: first.revision('practice'),
        actor: 'test',
        now: new Date(start),
      }),
    ).toBe('saved')
    await first.refresh(db(), env, start + 1, true)
    expect(first.current().clinicName).toBe(name)

    await second.refresh(db(), env, start + maxAgeMs - 1)
    expect(second.current().clinicName).not.toBe(name)
    await second.refresh(db(), env, start + maxAgeMs)
    expect(second.current().clinicName).toBe(name)
  })
})

describe('a reading of the settings that fails', () => {
  /** The real D1 binding, failing while `failing.now` is set, counting what it is asked. */
  const flakyDb = () => {
    const state = { failing: false, asked: 0 }
    const binding = wrapBinding(env.DB, {
      prepare: (query: string) => {
        state.asked++
        if (state.failing) throw new Error('D1_ERROR: Network connection lost.')
        return env.DB.prepare(query)
      },
    })
    return { db: createDb(binding), state }
  }

  it('keeps the last good copy, and waits a doubling delay before trying D1 again', async () => {
    const copy = createSettingsCopy()
    const { db: flaky, state } = flakyDb()
    const start = later()
    const name = `Last good ${start}`
    expect(
      await saveSection(db(), {
        section: 'practice',
        before: {},
        after: practiceSection(name),
        expectedRevision: (await loadSections(db(), env)).revisions.practice ?? 0,
        actor: 'test',
        now: new Date(start),
      }),
    ).toBe('saved')
    await copy.refresh(flaky, env, start)
    expect(copy.current().clinicName).toBe(name)

    state.failing = true
    const failedAt = start + maxAgeMs
    await copy.refresh(flaky, env, failedAt)
    expect(copy.current().clinicName).toBe(name)
    const asked = state.asked
    await copy.refresh(flaky, env, failedAt + retryDelaysMs.first - 1)
    expect(state.asked).toBe(asked)
    await copy.refresh(flaky, env, failedAt + retryDelaysMs.first)
    expect(state.asked).toBe(asked + 1)
    // The second failure waits twice as long.
    await copy.refresh(flaky, env, failedAt + 3 * retryDelaysMs.first - 1)
    expect(state.asked).toBe(asked + 1)

    state.failing = false
    await copy.refresh(flaky, env, failedAt + 3 * retryDelaysMs.first)
    expect(state.asked).toBeGreaterThan(asked + 1)
    expect(copy.current().clinicName).toBe(name)
  })
})

describe('time off as the site reads it', () => {
  const withTimeOff = (entries: { from: string; to: string; note: string }[]) =>
    settingsFrom({ ...defaultSections(readAppointmentPolicy({})), 'time-off': { entries } })

  it('answers whether a date is closed from the entries’ ranges, whatever their length, without listing their days', () => {
    const started = performance.now()
    const settings = withTimeOff([{ from: '1000-01-01', to: '9999-12-30', note: '' }])
    expect(performance.now() - started).toBeLessThan(200)
    expect(settings.booking.closedDates.includes('2027-03-10')).toBe(true)
    const open = withTimeOff([
      { from: '2027-03-09', to: '2027-03-11', note: '' },
      { from: '9999-12-31', to: '9999-12-31', note: '' },
    ])
    expect(['2027-03-08', '2027-03-09', '2027-03-11', '2027-03-12', '9999-12-30', '9999-12-31'].map((date) => open.booking.closedDates.includes(date))).toEqual(
      [false, true, true, false, false, true],
    )
  })
})
