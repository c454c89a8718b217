import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { currentRevision, currentSettings, loadSections, refreshSettings } from '../../../../src/features/settings/current'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { daysAhead } from '../../../helpers/appointments'
import { db } from '../../../helpers/forms'
import { request } from '../../../helpers/http'
import { postSection, saveSection, settingsForm } from './admin-settings-helpers'

let session: AdminSession
let run = 0
const unique = (label: string) => `${label} ${Date.now().toString(36)}${++run}`

beforeAll(async () => {
  session = await signIn()
})

describe('the settings page', () => {
  it('shows the overview with a link to each section’s own page, the read-only zone and currency, and is linked from the inbox', async () => {
    const html = await (await adminGet(session, '/admin/settings')).text()
    expect(html).toContain('<a href="/admin/settings">Settings</a>')
    expect(html).not.toContain('<form method="post" action="/admin/settings/practice"')
    expect(html).toContain('Time zone <strong>America/Los_Angeles</strong>, currency <strong>USD</strong>')
    expect(html).toContain('a new time zone would move how every appointment reads')
    const sections = { practice: 'Practice', hours: 'Opening hours', 'time-off': 'Time off', treatments: 'Treatments', policies: 'Policies' }
    for (const [section, title] of Object.entries(sections)) {
      expect(html).toContain(`<li><a href="/admin/settings/${section}">${title}</a></li>`)
      const page = await (await adminGet(session, `/admin/settings/${section}`)).text()
      // One form a page: saving it can drop no edit typed in another section.
      expect(page.match(/<form method="post" action="\/admin\/settings\/[^"]+"/g)).toEqual([`<form method="post" action="/admin/settings/${section}"`])
      expect(page).toContain(`<li><a href="/admin/settings/${section}" aria-current="page">${title}</a></li>`)
      expect(page).toContain(`<h1>${title}</h1>`)
    }
    expect((await adminGet(session, '/admin/settings/nothing')).status).toBe(404)
  })

  it('saves the practice’s details, shown at once by the isolate that saved them', async () => {
    const name = unique('Quiet Pine Clinic')
    const response = await postSection(session, 'practice', { ...(await settingsForm('practice')), clinicName: name })
    expect(response.status).toBe(303)
    // The save reads the settings again itself: this isolate shows the new name without waiting for its copy to age.
    expect(currentSettings().clinicName).toBe(name)
    const settings = await saveSection(session, 'practice', { conditionsTreated: 'Neck pain\nHeadaches' })
    expect(settings.clinicName).toBe(name)
    expect(settings.conditionsTreated).toEqual(['Neck pain', 'Headaches'])
    const page = await (await adminGet(session, '/admin/settings/practice?saved=1')).text()
    // At the top of the page, right under its heading, where the redirect after the save lands.
    expect(page).toContain('<h1>Practice</h1><div class="notice-ok" role="status"><p>Saved the practice section.</p></div>')
    expect(page).toContain(`value="${name}"`)
  })

  it('saves opening hours with a lunch break', async () => {
    const settings = await saveSection(session, 'hours', {
      'weekly.Sa.0.opens': '10:00',
      'weekly.Sa.0.closes': '12:00',
      'weekly.Sa.1.opens': '13:00',
      'weekly.Sa.1.closes': '15:30',
    })
    expect(settings.weekly.Sa).toEqual([
      { opens: '10:00', closes: '12:00' },
      { opens: '13:00', closes: '15:30' },
    ])
    expect(settings.openingHours).toContainEqual({ days: ['Sa'], opens: '13:00', closes: '15:30' })
  })

  it('shows a row of time inputs a day, with an empty range to add one, a remove box a range and a closed box', async () => {
    const page = await (await adminGet(session, '/admin/settings/hours')).text()
    const weekly = (await loadSections(db(), env)).values.hours.weekly
    expect(weekly.Su).toEqual([])
    expect(page).toContain('<input id="f-weekly.Su.closed" type="checkbox" name="weekly.Su.closed" value="yes" checked=""/>')
    expect(page).toContain('<input id="f-weekly.Mo.closed" type="checkbox" name="weekly.Mo.closed" value="yes"/>')
    expect(page).toContain(`name="weekly.Mo.0.opens" type="time" value="${weekly.Mo![0]!.opens}"`)
    expect(page).toContain(`<label for="f-weekly.Mo.0.remove">Remove range 1</label>`)
    expect(page).toContain(`name="weekly.Mo.${weekly.Mo!.length}.opens" type="time" value=""`)
    expect(page).not.toContain(`name="weekly.Mo.${weekly.Mo!.length + 1}.opens"`)
  })

  it('adds a range from the empty row, removes one by its box and closes a day by its box, all in one save', async () => {
    const form = await settingsForm('hours')
    expect(form['weekly.Th.1.opens']).toBe('')
    const settings = await saveSection(session, 'hours', {
      'weekly.Mo.0.opens': '08:00',
      'weekly.Mo.0.closes': '12:00',
      'weekly.Mo.1.opens': '13:00',
      'weekly.Mo.1.closes': '17:00',
      'weekly.Th.0.remove': 'yes',
      'weekly.Th.1.opens': '10:00',
      'weekly.Th.1.closes': '16:00',
      'weekly.Tu.closed': 'yes',
    })
    expect([settings.weekly.Mo, settings.weekly.Tu, settings.weekly.Th]).toEqual([
      [
        { opens: '08:00', closes: '12:00' },
        { opens: '13:00', closes: '17:00' },
      ],
      [],
      [{ opens: '10:00', closes: '16:00' }],
    ])
    await saveSection(session, 'hours', { ...Object.fromEntries(Object.entries(form).filter(([key]) => key !== 'revision')) })
  })

  it('saves time off from a blank row, a range with its note and a single day', async () => {
    const form = await settingsForm('time-off')
    const blank = Object.keys(form)
      .filter((key) => key.endsWith('.from') && form[key] === '')
      .map((key) => key.split('.')[1])
    const note = unique('Conference')
    // Well inside the window time off may use (a year back to two years ahead).
    const [first, third, later] = [daysAhead(400), daysAhead(402), daysAhead(430)]
    const settings = await saveSection(session, 'time-off', {
      [`entries.${blank[0]}.from`]: first,
      [`entries.${blank[0]}.to`]: third,
      [`entries.${blank[0]}.note`]: note,
      [`entries.${blank[1]}.from`]: later,
    })
    expect(settings.timeOff).toContainEqual({ from: first, to: third, note })
    expect(settings.timeOff).toContainEqual({ from: later, to: later, note: '' })
    expect([399, 400, 401, 402, 403, 430].map((days) => settings.booking.closedDates.includes(daysAhead(days)))).toEqual([false, true, true, true, false, true])
  })

  it('adds a treatment from the blank row with an id from its name, unique, and its price in cents', async () => {
    const name = unique('Cupping Session')
    const row = (form: Record<string, string>) =>
      Object.keys(form)
        .find((key) => key.endsWith('.id') && form[key] === '')!
        .split('.')[1]
    const added = { name, description: 'Cupping along the back.', minutes: '45', price: '70.50', visible: 'yes' }
    const fields = (form: Record<string, string>) => Object.fromEntries(Object.entries(added).map(([key, value]) => [`items.${row(form)}.${key}`, value]))
    await saveSection(session, 'treatments', fields(await settingsForm('treatments')))
    const settings = await saveSection(session, 'treatments', fields(await settingsForm('treatments')))
    const slug = name.toLowerCase().replace(/ /g, '-')
    expect(settings.services.filter((service) => service.name === name)).toEqual([
      { id: slug, name, description: 'Cupping along the back.', durationMinutes: 45, priceCents: 7050, visible: true, bookingMode: 'direct' },
      { id: `${slug}-2`, name, description: 'Cupping along the back.', durationMinutes: 45, priceCents: 7050, visible: true, bookingMode: 'direct' },
    ])
  })

  it('saves the policies: reminders, no quiet hours, requests that never expire', async () => {
    const settings = await saveSection(session, 'policies', {
      horizonDays: '90',
      minimumNoticeHours: '12',
      cancelNoticeHours: '48',
      reminderHours: '2, 48',
      quietHours: '',
      requestExpiryHours: '0',
    })
    expect(settings.booking.horizonDays).toBe(90)
    expect(settings.booking.minimumNoticeHours).toBe(12)
    expect(settings.policy).toEqual({ reminderHours: [48, 2], quietHours: null, expiryHours: 0, cancelNoticeHours: 48 })
    // The scheduling policies the form shows were sent back as they stood, so none moved.
    expect(settings.scheduling).toEqual({
      bufferMinutes: 0,
      stepMinutes: 30,
      maxPerDay: null,
      directBookingsPerAddress: 2,
      firstVisitsByRequest: false,
      waitlistWeeks: 8,
    })
    const page = await (await adminGet(session, '/admin/settings/policies')).text()
    expect(page).toContain('name="reminderHours" type="text" value="2,48"')
  })

  it('keeps a treatment cleared from the form, or left out of it, hidden rather than deleted', async () => {
    const name = unique('Moxibustion')
    const added = await saveSection(session, 'treatments', { ...(await newRow(name)) })
    const id = added.allServices.find((service) => service.name === name)!.id
    const form = await settingsForm('treatments')
    const row = Object.keys(form)
      .find((key) => key.endsWith('.id') && form[key] === id)!
      .split('.')[1]
    const settings = await saveSection(session, 'treatments', {
      [`items.${row}.name`]: '',
      [`items.${row}.description`]: '',
      [`items.${row}.minutes`]: '',
      [`items.${row}.price`]: '',
    })
    expect(settings.allServices).toContainEqual({
      id,
      name,
      description: 'Warming therapy.',
      durationMinutes: 30,
      priceCents: 4000,
      visible: false,
      bookingMode: 'direct',
    })
    expect(settings.services.map((service) => service.id)).not.toContain(id)
    const fresh = await settingsForm('treatments')
    const withoutRow = Object.fromEntries(Object.entries(fresh).filter(([key]) => !key.startsWith(`items.${row}.`)))
    const again = await saveSection(session, 'treatments', withoutRow)
    expect(again.allServices.filter((service) => service.id === id)).toHaveLength(1)
  })
})

async function newRow(name: string) {
  const form = await settingsForm('treatments')
  const row = Object.keys(form)
    .find((key) => key.endsWith('.id') && form[key] === '')!
    .split('.')[1]
  return {
    ...form,
    [`items.${row}.name`]: name,
    [`items.${row}.description`]: 'Warming therapy.',
    [`items.${row}.minutes`]: '30',
    [`items.${row}.price`]: '40',
    [`items.${row}.visible`]: 'yes',
  }
}

describe('access to the settings', () => {
  it('refuses strangers and a post without the CSRF token, saving nothing', async () => {
    const stranger = await request('/admin/settings', { redirect: 'manual' })
    expect(stranger.status).toBe(303)
    expect(stranger.headers.get('Location')).toContain('/admin/login')
    await refreshSettings(db(), env, Date.now(), true)
    const before = currentRevision('practice')
    const forged = await adminPost(session, '/admin/settings/practice', { ...(await settingsForm('practice')), clinicName: 'Forged', csrf: '' })
    expect(forged.status).toBe(403)
    await refreshSettings(db(), env, Date.now(), true)
    expect(currentRevision('practice')).toBe(before)
  })
})
