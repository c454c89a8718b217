import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSections } from '../../../../src/features/settings/current'
import type { SettingsSection } from '../../../../src/features/settings/domain/vocabulary'
import { saveSection as storeSection } from '../../../../src/features/settings/store/settings'
import { type AdminSession, adminPost, signIn } from '../../../helpers/admin'
import { wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { postSection, saveSection, settingsForm, summaryOf } from './admin-settings-helpers'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const revisionOf = async (section: SettingsSection) => (await loadSections(db(), env)).revisions[section] ?? 0

/** Posts a changed form, expects 422 with `message` beside `field` and in the summary, the typed value kept, nothing saved. */
async function expectRefused(section: SettingsSection, changes: Record<string, string>, field: string, message: string) {
  const before = await revisionOf(section)
  const response = await postSection(session, section, { ...(await settingsForm(section)), ...changes })
  const html = await response.text()
  expect(response.status).toBe(422)
  expect(summaryOf(html)).toContain(message)
  expect(html).toContain(`<p id="f-${field}-error" class="field-error"><span class="visually-hidden">Error: </span>${message}</p>`)
  for (const [name, value] of Object.entries(changes)) if (value) expect(html).toMatch(new RegExp(`name="${name}"[^>]*(value="${value}"|>${value}<)`))
  expect(await revisionOf(section)).toBe(before)
  return html
}

const newTreatment = async (fields: Record<string, string>) => {
  const form = await settingsForm('treatments')
  const row = Object.keys(form)
    .find((key) => key.endsWith('.id') && form[key] === '')!
    .split('.')[1]
  return {
    row,
    fields: Object.fromEntries(
      Object.entries({ name: 'Long cupping', description: 'A long session.', minutes: '60', price: '80.00', visible: 'yes', ...fields }).map(([key, value]) => [
        `items.${row}.${key}`,
        value,
      ]),
    ),
  }
}

describe('refused settings', () => {
  it('refuses a country code phone numbers cannot be read for, such as UK for the United Kingdom', async () => {
    const message = 'Not a country code phone numbers are known for: enter two letters such as US, CA or GB (not UK)'
    await expectRefused('practice', { 'address.country': 'UK' }, 'address.country', message)
  })

  it('refuses two ranges that overlap on one day', async () => {
    await expectRefused(
      'hours',
      { 'weekly.Mo.0.opens': '09:00', 'weekly.Mo.0.closes': '12:30', 'weekly.Mo.1.opens': '12:00', 'weekly.Mo.1.closes': '17:00' },
      'weekly.Mo.1.opens',
      'Overlaps another range on the same day',
    )
  })

  it('refuses a range that closes before it opens', async () => {
    await expectRefused(
      'hours',
      { 'weekly.Tu.1.opens': '16:00', 'weekly.Tu.1.closes': '14:00' },
      'weekly.Tu.1.closes',
      'Closes at or before it opens: enter a closing time after the opening time',
    )
  })

  it('refuses time off that ends before it starts', async () => {
    const form = await settingsForm('time-off')
    const row = Object.keys(form)
      .find((key) => key.endsWith('.from') && form[key] === '')!
      .split('.')[1]
    await expectRefused(
      'time-off',
      { [`entries.${row}.from`]: '2031-05-10', [`entries.${row}.to`]: '2031-05-08' },
      `entries.${row}.to`,
      'Ends before it starts: enter a last day on or after the first',
    )
  })

  it('refuses time off reaching centuries away, which every page and booking would check against', async () => {
    const form = await settingsForm('time-off')
    const row = Object.keys(form)
      .find((key) => key.endsWith('.from') && form[key] === '')!
      .split('.')[1]
    const before = await revisionOf('time-off')
    const response = await postSection(session, 'time-off', { ...form, [`entries.${row}.from`]: '1000-01-01', [`entries.${row}.to`]: '9999-12-30' })
    const html = await response.text()
    expect(response.status).toBe(422)
    // The first day allowed depends on the clinic's today, which the route reads from the clock.
    expect(summaryOf(html)).toEqual([expect.stringMatching(/^Starts more than a year ago: enter a first day from \d{4}-\d{2}-\d{2} on, or remove this entry$/)])
    expect(html).toContain(`name="entries.${row}.to" type="date" value="9999-12-30"`)
    expect(await revisionOf('time-off')).toBe(before)
  })

  it('refuses a price below zero, and one typed in another shape', async () => {
    const negative = await newTreatment({ price: '-5.00' })
    await expectRefused('treatments', negative.fields, `items.${negative.row}.price`, 'Enter a price of zero or more')
    const words = await newTreatment({ price: 'ninety' })
    await expectRefused('treatments', words.fields, `items.${words.row}.price`, 'Enter a price such as 95.00')
  })

  it('refuses a treatment longer than every opening range as they stand', async () => {
    const shortDays = Object.fromEntries(
      ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].flatMap((day) => [
        [`weekly.${day}.0.opens`, '09:00'],
        [`weekly.${day}.0.closes`, '13:00'],
      ]),
    )
    await saveSection(session, 'hours', shortDays)
    const long = await newTreatment({ minutes: '300' })
    await expectRefused('treatments', long.fields, `items.${long.row}.minutes`, 'Longer than every opening range (the longest is 240 minutes)')
  })

  it('refuses opening hours that leave a shown treatment longer than every range', async () => {
    const hourDays = Object.fromEntries(
      ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].flatMap((day) => [
        [`weekly.${day}.0.opens`, '09:00'],
        [`weekly.${day}.0.closes`, '10:00'],
      ]),
    )
    const response = await postSection(session, 'hours', { ...(await settingsForm('hours')), ...hourDays })
    expect(response.status).toBe(422)
    expect(summaryOf(await response.text())).toContain(
      'Initial consultation and treatment takes 90 minutes, longer than every opening range: shorten or hide it first',
    )
  })
})

describe('two tabs', () => {
  it('answers 409 to the tab that saves second, showing the values the first saved', async () => {
    const form = await settingsForm('practice')
    const first = await postSection(session, 'practice', { ...form, clinicName: 'First Tab Clinic' })
    expect(first.status).toBe(303)
    const second = await postSection(session, 'practice', { ...form, clinicName: 'Second Tab Clinic' })
    const html = await second.text()
    expect(second.status).toBe(409)
    expect(html).toContain('Another tab saved the practice section first, so this change was not saved.')
    expect(html).toContain('name="clinicName" type="text" value="First Tab Clinic"')
    expect(html).not.toContain('Second Tab Clinic')
    expect((await loadSections(db(), env)).values.practice.clinicName).toBe('First Tab Clinic')
  })

  it('refuses opening hours saved while another tab shows a treatment longer than every new range, checking them again', async () => {
    const { values, revisions } = await loadSections(db(), env)
    const shortDays = Object.fromEntries(
      ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].flatMap((day) => [
        [`weekly.${day}.0.opens`, '09:00'],
        [`weekly.${day}.0.closes`, '11:00'],
        [`weekly.${day}.1.opens`, ''],
        [`weekly.${day}.1.closes`, ''],
      ]),
    )
    const form = { ...(await settingsForm('hours')), ...shortDays }
    // The other tab's save lands between this save's reading of the treatments and its write.
    const longTreatment = {
      items: values.treatments.items.map((item) => ({
        ...item,
        visible: true,
        durationMinutes: item.id === 'initial' ? 150 : Math.min(item.durationMinutes, 120),
      })),
    }
    let writing = false
    let raced = false
    const binding = wrapBinding(env.DB, {
      prepare: (query: string) => {
        writing ||= /insert into .settings_changes./i.test(query)
        return env.DB.prepare(query)
      },
      batch: async (statements: D1PreparedStatement[]) => {
        if (writing && !raced) {
          raced = true
          expect(
            await storeSection(db(), {
              section: 'treatments',
              before: values.treatments,
              after: longTreatment,
              expectedRevision: revisions.treatments ?? 0,
              actor: 'other tab',
              now: new Date(),
            }),
          ).toBe('saved')
        }
        return env.DB.batch(statements)
      },
    })
    const response = await adminPost(session, '/admin/settings/hours', form, { DB: binding })
    expect(raced).toBe(true)
    expect(response.status).toBe(422)
    expect(summaryOf(await response.text())).toContain(
      'Initial consultation and treatment takes 150 minutes, longer than every opening range: shorten or hide it first',
    )
    const after = await loadSections(db(), env)
    expect(after.revisions.hours ?? 0).toBe(revisions.hours ?? 0)
    expect(after.values.hours).toEqual(values.hours)
    await storeSection(db(), {
      section: 'treatments',
      before: longTreatment,
      after: values.treatments,
      expectedRevision: after.revisions.treatments!,
      actor: 'test',
      now: new Date(),
    })
  })
})
