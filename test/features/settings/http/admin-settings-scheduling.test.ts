import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadSections, refreshSettings } from '../../../../src/features/settings/current'
import { saveSection as storeSection } from '../../../../src/features/settings/store/settings'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { postSection, saveSection, settingsForm, summaryOf } from './admin-settings-helpers'

/*
 * The scheduling policies and each treatment's booking mode. Every test puts
 * the sections back as it found them: other files read free times with them.
 */
let session: AdminSession
let saved: Awaited<ReturnType<typeof loadSections>>['values']

beforeAll(async () => {
  session = await signIn()
  saved = (await loadSections(db(), env)).values
})

afterEach(async () => {
  for (const section of ['policies', 'treatments'] as const) {
    const { values, revisions } = await loadSections(db(), env)
    if (JSON.stringify(values[section]) === JSON.stringify(saved[section])) continue
    await storeSection(db(), {
      section,
      before: values[section],
      after: saved[section],
      expectedRevision: revisions[section] ?? 0,
      actor: 'test',
      now: new Date(),
    })
  }
  await refreshSettings(db(), env, Date.now(), true)
})

const revisionOf = async (section: 'policies' | 'treatments') => (await loadSections(db(), env)).revisions[section] ?? 0

/** Posts a changed form, expects 422 with `message` beside the field (`errorId`) and in the summary, the typed value kept, nothing saved. */
async function expectRefused(section: 'policies' | 'treatments', changes: Record<string, string>, errorId: string, message: string) {
  const before = await revisionOf(section)
  const response = await postSection(session, section, { ...(await settingsForm(section)), ...changes })
  const html = await response.text()
  expect(response.status).toBe(422)
  expect(summaryOf(html)).toContain(message)
  expect(html).toContain(`<p id="f-${errorId}-error" class="field-error"><span class="visually-hidden">Error: </span>${message}</p>`)
  expect(await revisionOf(section)).toBe(before)
  return html
}

const treatmentRow = (form: Record<string, string>, id: string) =>
  Object.keys(form)
    .find((key) => key.endsWith('.id') && form[key] === id)!
    .replace(/\.id$/, '')

describe('the scheduling policies', () => {
  it('shows each with its starting value, in words a practitioner reads', async () => {
    const page = await (await adminGet(session, '/admin/settings/policies')).text()
    expect(page).toContain('<label for="f-bufferMinutes">Minutes kept free after each appointment</label>')
    expect(page).toContain('name="bufferMinutes" type="text" value="0"')
    expect(page).toContain('<legend>Start times offered</legend>')
    expect(page).toContain('<input id="f-startStepMinutes-30" type="radio" name="startStepMinutes" value="30" checked=""')
    expect(page).toContain('<label for="f-startStepMinutes-60">Every hour</label>')
    expect(page).toContain('At most this many appointments a day<span class="optional"> (optional)</span>')
    expect(page).toContain('name="maxPerDay" type="text" value=""')
    expect(page).toContain('Per email address and per device; past it, a booking comes to you as a request')
    expect(page).toContain('name="directBookingsPerAddress" type="text" value="2"')
    expect(page).toContain('<input type="hidden" name="firstVisitsByRequest" value="no"/>')
    expect(page).toContain('<input id="f-firstVisitsByRequest" type="checkbox" name="firstVisitsByRequest" value="yes"/>')
    expect(page).toContain('Send first visits through request')
    expect(page).toContain('name="waitlistWeeks" type="text" value="8"')
  })

  it('saves every one, and the form shows them back', async () => {
    const settings = await saveSection(session, 'policies', {
      bufferMinutes: '15',
      startStepMinutes: '60',
      maxPerDay: '6',
      directBookingsPerAddress: '3',
      firstVisitsByRequest: 'yes',
      waitlistWeeks: '12',
    })
    expect(settings.scheduling).toEqual({
      bufferMinutes: 15,
      stepMinutes: 60,
      maxPerDay: 6,
      directBookingsPerAddress: 3,
      firstVisitsByRequest: true,
      waitlistWeeks: 12,
    })
    const page = await (await adminGet(session, '/admin/settings/policies')).text()
    expect(page).toContain('name="bufferMinutes" type="text" value="15"')
    expect(page).toContain('<input id="f-startStepMinutes-60" type="radio" name="startStepMinutes" value="60" checked=""')
    expect(page).toContain('name="maxPerDay" type="text" value="6"')
    expect(page).toContain('name="directBookingsPerAddress" type="text" value="3"')
    expect(page).toContain('<input id="f-firstVisitsByRequest" type="checkbox" name="firstVisitsByRequest" value="yes" checked=""/>')
    expect(page).toContain('name="waitlistWeeks" type="text" value="12"')
  })

  it('reads an emptied daily cap as no cap, and an unticked box as off', async () => {
    const capped = await saveSection(session, 'policies', { maxPerDay: '4', firstVisitsByRequest: 'yes' })
    expect([capped.scheduling.maxPerDay, capped.scheduling.firstVisitsByRequest]).toEqual([4, true])
    // A browser sends the hidden "no" alone when the box is unticked.
    const settings = await saveSection(session, 'policies', { maxPerDay: ' ', firstVisitsByRequest: 'no' })
    expect(settings.scheduling.maxPerDay).toBeNull()
    expect(settings.scheduling.firstVisitsByRequest).toBe(false)
  })

  it('keeps the policies a form does not show when it is saved', async () => {
    await saveSection(session, 'policies', { bufferMinutes: '10', startStepMinutes: '15', maxPerDay: '5', firstVisitsByRequest: 'yes', waitlistWeeks: '3' })
    const form = await settingsForm('policies')
    const older = Object.fromEntries(
      Object.entries(form).filter(
        ([name]) => !['bufferMinutes', 'startStepMinutes', 'maxPerDay', 'directBookingsPerAddress', 'firstVisitsByRequest', 'waitlistWeeks'].includes(name),
      ),
    )
    const response = await postSection(session, 'policies', { ...older, horizonDays: '45' })
    expect(response.status).toBe(303)
    const { policies } = (await loadSections(db(), env)).values
    expect(policies).toMatchObject({
      horizonDays: 45,
      bufferMinutes: 10,
      startStepMinutes: 15,
      maxPerDay: 5,
      directBookingsPerAddress: 2,
      firstVisitsByRequest: true,
      waitlistWeeks: 3,
    })
  })

  it('refuses a value out of range or mistyped with a 422 that says why, keeping what was typed', async () => {
    const negative = await expectRefused('policies', { bufferMinutes: '-5' }, 'bufferMinutes', 'Enter zero or more minutes')
    expect(negative).toContain('name="bufferMinutes" type="text" value="-5"')
    await expectRefused('policies', { bufferMinutes: 'ten' }, 'bufferMinutes', 'Enter a whole number')
    const step = await expectRefused('policies', { startStepMinutes: '45' }, 'startStepMinutes', 'Choose every 15, 30 or 60 minutes')
    // The summary's link goes to the group's first choice.
    expect(step).toContain('<a href="#f-startStepMinutes-15">Choose every 15, 30 or 60 minutes</a>')
    await expectRefused('policies', { maxPerDay: '0' }, 'maxPerDay', 'Enter at least 1')
    await expectRefused('policies', { directBookingsPerAddress: '0' }, 'directBookingsPerAddress', 'Enter at least 1')
    const weeks = await expectRefused('policies', { waitlistWeeks: '60', bufferMinutes: '25' }, 'waitlistWeeks', 'Enter at most 52 weeks')
    expect(weeks).toContain('name="bufferMinutes" type="text" value="25"')
  })

  it('names each change in the history in the form’s words', async () => {
    await saveSection(session, 'policies', {
      bufferMinutes: '0',
      startStepMinutes: '30',
      maxPerDay: '',
      directBookingsPerAddress: '2',
      firstVisitsByRequest: 'no',
      waitlistWeeks: '8',
    })
    await saveSection(session, 'policies', {
      bufferMinutes: '15',
      startStepMinutes: '15',
      maxPerDay: '7',
      directBookingsPerAddress: '1',
      firstVisitsByRequest: 'yes',
      waitlistWeeks: '1',
    })
    const page = await (await adminGet(session, '/admin/settings')).text()
    for (const line of [
      'Minutes kept free after each appointment: 0 → 15',
      'Start times offered: every 30 minutes → every 15 minutes',
      'Appointments a day: no limit → at most 7',
      'Upcoming direct bookings one patient may hold: 2 → 1',
      'First visits: as the treatment is booked → through request',
      'A waitlist entry lasts: 8 weeks → 1 week',
    ])
      expect(page).toContain(`<li>${line}</li>`)
  })

  it('reads a policies row stored before these policies existed with their starting values', async () => {
    const { values, revisions } = await loadSections(db(), env)
    const { bufferMinutes, startStepMinutes, maxPerDay, directBookingsPerAddress, firstVisitsByRequest, waitlistWeeks, ...older } = {
      ...values.policies,
      bufferMinutes: 30,
    }
    const stored = await storeSection(db(), {
      section: 'policies',
      before: values.policies,
      after: older,
      expectedRevision: revisions.policies ?? 0,
      actor: 'test',
      now: new Date(),
    })
    expect(stored).toBe('saved')
    expect((await loadSections(db(), env)).values.policies).toEqual({
      ...older,
      bufferMinutes: 0,
      startStepMinutes: 30,
      maxPerDay: null,
      directBookingsPerAddress: 2,
      firstVisitsByRequest: false,
      waitlistWeeks: 8,
    })
    const page = await (await adminGet(session, '/admin/settings/policies')).text()
    expect(page).toContain('name="waitlistWeeks" type="text" value="8"')
  })
})

describe('each treatment’s booking mode', () => {
  it('shows both modes on each row, direct to start with, and saves a change', async () => {
    const form = await settingsForm('treatments')
    const row = treatmentRow(form, 'back-pain')
    const page = await (await adminGet(session, '/admin/settings/treatments')).text()
    expect(page).toContain(`<input id="f-${row}.bookingMode-direct" type="radio" name="${row}.bookingMode" value="direct" checked=""`)
    expect(page).toContain(`<label for="f-${row}.bookingMode-direct">Patients book a free time directly</label>`)
    expect(page).toContain(`<label for="f-${row}.bookingMode-request">Patients request, you confirm</label>`)

    const settings = await saveSection(session, 'treatments', { [`${row}.bookingMode`]: 'request' })
    expect(settings.allServices.find((service) => service.id === 'back-pain')?.bookingMode).toBe('request')
    const after = await (await adminGet(session, '/admin/settings/treatments')).text()
    expect(after).toContain(`<input id="f-${row}.bookingMode-request" type="radio" name="${row}.bookingMode" value="request" checked=""`)
    const history = await (await adminGet(session, '/admin/settings')).text()
    expect(history).toMatch(/<li>How patients book [^<]+: directly → by request<\/li>/)
  })

  it('keeps a row’s stored mode when the form sends none for it', async () => {
    const form = await settingsForm('treatments')
    const row = treatmentRow(form, 'back-pain')
    await saveSection(session, 'treatments', { [`${row}.bookingMode`]: 'request' })
    const older = Object.fromEntries(Object.entries(await settingsForm('treatments')).filter(([name]) => !name.endsWith('.bookingMode')))
    expect((await postSection(session, 'treatments', older)).status).toBe(303)
    const { items } = (await loadSections(db(), env)).values.treatments
    expect(items.find((item) => item.id === 'back-pain')?.bookingMode).toBe('request')
  })

  it('refuses a mode it does not know, with a 422 that says why', async () => {
    const row = treatmentRow(await settingsForm('treatments'), 'back-pain')
    const html = await expectRefused('treatments', { [`${row}.bookingMode`]: 'sometimes' }, `${row}.bookingMode`, 'Choose how patients book this treatment')
    expect(html).toContain(`<a href="#f-${row}.bookingMode-direct">Choose how patients book this treatment</a>`)
  })
})
