import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { currentSettings, loadSections, refreshSettings } from '../../../../src/features/settings/current'
import { listSettingsChanges, saveSection as storeSection } from '../../../../src/features/settings/store/settings'
import { weekdayOf } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { confirmAt, daysAhead, readBooking, storeBooking } from '../../../helpers/appointments'
import { db } from '../../../helpers/forms'
import { saveSection, settingsForm } from './admin-settings-helpers'

let session: AdminSession
let run = 0
const unique = (label: string) => `${label} ${Date.now().toString(36)}${++run}`

beforeAll(async () => {
  session = await signIn()
})

const revisionOf = async (section: 'practice' | 'time-off') => (await loadSections(db(), env)).revisions[section] ?? 0
const restore = async (section: string, change: number, version: 'before' | 'after', revision?: number) =>
  adminPost(session, '/admin/settings/restore', {
    section,
    change: String(change),
    version,
    revision: String(revision ?? (await revisionOf(section as 'practice'))),
  })

describe('the settings history', () => {
  it('lists who changed which fields of which section, and restores a version as a new change', async () => {
    const [first, second] = [unique('Cedar Clinic'), unique('Willow Clinic')]
    await saveSection(session, 'practice', { clinicName: first })
    await saveSection(session, 'practice', { clinicName: second })
    const change = await revisionOf('practice')
    const page = await (await adminGet(session, '/admin/settings')).text()
    expect(page).toContain(`<li>Clinic name: “${first}” → “${second}”</li>`)
    expect(page).not.toContain('Practitioner’s name:')
    expect(page).toMatch(new RegExp(`<time datetime="[^"]+">[^<]+</time>, practitioner, practice \\(revision ${change}\\)`))

    const restored = await restore('practice', change, 'before')
    expect(restored.status).toBe(303)
    expect(restored.headers.get('Location')).toBe('/admin/settings?saved=practice')
    await refreshSettings(db(), env, Date.now(), true)
    expect(currentSettings().clinicName).toBe(first)
    const [latest] = await listSettingsChanges(db(), 1)
    expect(latest).toMatchObject({ section: 'practice', revision: change + 1, actor: 'practitioner' })
    expect((latest!.after as { clinicName: string }).clinicName).toBe(first)

    expect((await restore('practice', change, 'after')).status).toBe(303)
    await refreshSettings(db(), env, Date.now(), true)
    expect(currentSettings().clinicName).toBe(second)
  })

  it('says what changed in the practitioner’s words: prices, lengths, visibility, hours and time off', async () => {
    const treatments = await settingsForm('treatments')
    const row = (id: string) =>
      Object.keys(treatments)
        .find((key) => key.endsWith('.id') && treatments[key] === id)!
        .replace(/\.id$/, '')
    const [followUp, backPain] = [row('follow-up'), row('back-pain')]
    const price = (Number(treatments[`${followUp}.price`]) + 10).toFixed(2)
    await saveSection(session, 'treatments', { [`${followUp}.price`]: price, [`${followUp}.minutes`]: '45', [`${backPain}.visible`]: '' })
    await saveSection(session, 'hours', {
      'weekly.We.0.opens': '09:00',
      'weekly.We.0.closes': '12:00',
      'weekly.We.1.opens': '14:00',
      'weekly.We.1.closes': '19:00',
    })
    const day = daysAhead(60)
    const timeOff = await settingsForm('time-off')
    const blank = Object.keys(timeOff)
      .find((key) => key.endsWith('.from') && timeOff[key] === '')!
      .replace(/\.from$/, '')
    await saveSection(session, 'time-off', { [`${blank}.from`]: day, [`${blank}.note`]: 'Course' })

    const page = await (await adminGet(session, '/admin/settings')).text()
    const dollars = (amount: string) => `$${amount}`
    expect(page).toContain(`<li>Price of Follow-up treatment: ${dollars(treatments[`${followUp}.price`]!)} → ${dollars(price)}</li>`)
    expect(page).toContain(`<li>Length of Follow-up treatment: ${treatments[`${followUp}.minutes`]} minutes → 45 minutes</li>`)
    expect(page).toContain('<li>Back pain focused session: shown to patients → hidden</li>')
    expect(page).toContain('<li>Wednesday: 9:00 AM to 6:00 PM → 9:00 AM to 12:00 PM, 2:00 PM to 7:00 PM</li>')
    const [year, month, date] = day.split('-').map(Number) as [number, number, number]
    const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, date))
    expect(page).toContain(`<li>Time off added: ${shown} (Course)</li>`)
    expect(page).not.toMatch(/items\.\d|priceCents|weekly\./)
  })

  it('refuses a restore from a stale page (409), of a version that fails the checks (422) or of no change (404)', async () => {
    const stale = await restore('practice', await revisionOf('practice'), 'before', 0)
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Another tab saved the practice section first')

    const revision = await revisionOf('time-off')
    const backwards = { entries: [{ from: '2031-09-09', to: '2031-09-01', note: '' }] }
    await storeSection(db(), {
      section: 'time-off',
      before: backwards,
      after: { entries: [] },
      expectedRevision: revision,
      actor: 'practitioner',
      now: new Date(),
    })
    const refused = await restore('time-off', revision + 1, 'before')
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('<li>Ends before it starts: enter a last day on or after the first</li>')
    expect(await revisionOf('time-off')).toBe(revision + 1)

    expect((await restore('practice', 9999, 'before')).status).toBe(404)
  })
})

describe('appointments a change leaves outside the week', () => {
  it('are listed on the settings page with the reason and flagged on the agenda, and stay as they are', async () => {
    const [offDay, earlyDay] = [daysAhead(3), daysAhead(4)]
    const [inTimeOff, beforeOpening] = await Promise.all([storeBooking({ name: 'Moved Patient' }), storeBooking({ name: 'Early Patient' })])
    await confirmAt(session, inTimeOff.id, offDay, '10:00')
    await confirmAt(session, beforeOpening.id, earlyDay, '10:00')
    const confirmed = await readBooking(inTimeOff.id)
    expect(await (await adminGet(session, '/admin/settings')).text()).not.toContain(`/admin/requests/${inTimeOff.id}"`)

    const form = await settingsForm('time-off')
    const row = Object.keys(form)
      .find((key) => key.endsWith('.from') && form[key] === '')!
      .split('.')[1]
    await saveSection(session, 'time-off', { [`entries.${row}.from`]: offDay, [`entries.${row}.to`]: offDay, [`entries.${row}.note`]: 'Closed' })
    const day = weekdayOf(earlyDay)
    await saveSection(session, 'hours', {
      [`weekly.${day}.0.opens`]: '13:00',
      [`weekly.${day}.0.closes`]: '18:00',
      [`weekly.${day}.1.opens`]: '',
      [`weekly.${day}.1.closes`]: '',
    })

    const page = await (await adminGet(session, '/admin/settings')).text()
    expect(page).toMatch(
      new RegExp(`<a href="/admin/requests/${inTimeOff.id}"><code>${inTimeOff.reference}</code></a>, <time[^>]*>[^<]+</time>: inside time off`),
    )
    expect(page).toMatch(
      new RegExp(
        `<a href="/admin/requests/${beforeOpening.id}"><code>${beforeOpening.reference}</code></a>, <time[^>]*>[^<]+</time>: outside the opening hours`,
      ),
    )
    const agenda = (await Promise.all([offDay, earlyDay].map(async (date) => (await adminGet(session, `/admin/agenda?week=${date}`)).text()))).join('')
    const rowOf = (id: string) =>
      agenda
        .split('<li class="agenda-appointment">')
        .find((part) => part.includes(`/admin/requests/${id}"`))
        ?.split('</li>')[0] ?? ''
    expect(rowOf(inTimeOff.id)).toContain('<span class="badge delivery-failed">now inside time off</span>')
    expect(rowOf(beforeOpening.id)).toContain('<span class="badge delivery-failed">now outside the opening hours</span>')
    expect(await readBooking(inTimeOff.id)).toMatchObject({
      appointmentState: 'confirmed',
      confirmedStart: confirmed.confirmedStart,
      confirmedEnd: confirmed.confirmedEnd,
    })
  })

  it('leave out one deliberately confirmed outside the hours, whatever unrelated change follows, and flag it once a change puts it in time off', async () => {
    const evening = daysAhead(5)
    const booking = await storeBooking({ name: 'Evening Patient' })
    await confirmAt(session, booking.id, evening, '19:00')
    const listed = (html: string) => html.includes(`<a href="/admin/requests/${booking.id}">`)
    const unrelated = daysAhead(40)
    const form = await settingsForm('time-off')
    const row = Object.keys(form)
      .find((key) => key.endsWith('.from') && form[key] === '')!
      .split('.')[1]
    await saveSection(session, 'time-off', { [`entries.${row}.from`]: unrelated, [`entries.${row}.to`]: unrelated, [`entries.${row}.note`]: unique('Course') })
    expect(listed(await (await adminGet(session, '/admin/settings')).text())).toBe(false)
    const agenda = await (await adminGet(session, `/admin/agenda?week=${evening}`)).text()
    const line = agenda.split('<li class="agenda-appointment">').find((part) => part.includes(`/admin/requests/${booking.id}"`))
    expect(line?.split('</li>')[0]).toContain(booking.id)
    expect(line?.split('</li>')[0]).not.toContain('badge delivery-failed')

    const again = await settingsForm('time-off')
    const next = Object.keys(again)
      .find((key) => key.endsWith('.from') && again[key] === '')!
      .split('.')[1]
    await saveSection(session, 'time-off', { [`entries.${next}.from`]: evening, [`entries.${next}.to`]: evening, [`entries.${next}.note`]: 'Closed' })
    expect(await (await adminGet(session, '/admin/settings')).text()).toMatch(
      new RegExp(`<a href="/admin/requests/${booking.id}"><code>${booking.reference}</code></a>, <time[^>]*>[^<]+</time>: inside time off`),
    )
  })
})
