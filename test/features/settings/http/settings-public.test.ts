import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { replaceCalendarFeed } from '../../../../src/features/bookings/store/calendar-feeds'
import { requests } from '../../../../src/features/bookings/store/schema'
import { loadSections } from '../../../../src/features/settings/current'
import type { SettingsSection } from '../../../../src/features/settings/domain/vocabulary'
import type { SectionValues } from '../../../../src/features/settings/sections'
import { saveSection } from '../../../../src/features/settings/store/settings'
import { zonedDate } from '../../../../src/platform/time-zone'
import { comingTimeOff, describeTimeOff } from '../../../../src/ui/TimeOffNotice'
import { bookingAt, clinicTime } from '../../../helpers/book'
import { bookingFields, db, post } from '../../../helpers/forms'
import { jsonLdBlocks, letFreshnessBoundPass, request, uniqueClientIp } from '../../../helpers/http'
import { clinicAt, storeBooking } from '../../../helpers/manage'

let starting: SectionValues

/** Saves one section changed by `change`, as another isolate's inbox would, and lets the Worker's freshness bound pass. */
async function save<S extends SettingsSection>(section: S, change: (value: SectionValues[S]) => SectionValues[S]) {
  const { values, revisions } = await loadSections(db(), env)
  const after = change(structuredClone(values[section]))
  expect(await saveSection(db(), { section, before: values[section], after, expectedRevision: revisions[section] ?? 0, actor: 'test', now: new Date() })).toBe(
    'saved',
  )
  await letFreshnessBoundPass()
}

const page = async (path: string) => (await request(path)).text()
const clinicOf = (html: string) => jsonLdBlocks(html).find((block) => block['@type'] === 'MedicalClinic')!

beforeAll(async () => {
  // The Worker's clock, moved on by each save as far as its freshness bound.
  vi.useFakeTimers({ toFake: ['Date'] })
  starting = (await loadSections(db(), env)).values
})

afterAll(() => {
  vi.useRealTimers()
})

afterEach(async () => {
  for (const section of Object.keys(starting) as SettingsSection[]) await save(section, () => structuredClone(starting[section]) as never)
})

describe('public pages read the current settings', () => {
  it('show a new clinic name, address and phone in the footer, the header, the JSON-LD, the feeds, the forms and the patient page', async () => {
    await save('practice', (value) => ({
      ...value,
      clinicName: 'Harbour Acupuncture',
      phone: '+1 555 010 7777',
      address: { ...value.address, street: '9 Quay Lane' },
      practitioner: { ...value.practitioner, name: 'Sam Needham' },
    }))
    const about = await page('/about')
    expect(about).toContain('<strong>Harbour Acupuncture</strong>')
    expect(about).toContain('9 Quay Lane')
    expect(about).toContain('<title>About Sam Needham | Harbour Acupuncture</title>')
    expect(clinicOf(about)).toMatchObject({ name: 'Harbour Acupuncture', telephone: '+1 555 010 7777', address: { streetAddress: '9 Quay Lane' } })
    expect(clinicOf(await page('/'))).toMatchObject({ name: 'Harbour Acupuncture' })
    expect(await page('/feed.xml')).toContain('<title>Harbour Acupuncture: articles</title>')
    expect(await page('/privacy')).toContain('Harbour Acupuncture (9 Quay Lane, Springfield)')
    expect(await page('/contact')).toContain('Ask Sam Needham a question')
    expect(await page('/articles')).toContain('Articles by Sam Needham')
    const feed = await (
      await request(`/calendar/${await replaceCalendarFeed(db(), { now: new Date() })}.ics`, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })
    ).text()
    expect(feed).toContain('Harbour Acupuncture: appointments')

    const now = new Date('2027-03-01T17:00:00Z')
    const booking = await storeBooking(now)
    const manage = await (await clinicAt(now).get(`/manage/${booking.token}`)).text()
    expect(manage).toContain('Harbour Acupuncture, 9 Quay Lane, Springfield')
    expect(manage).toContain('+1 555 010 7777')
  })

  it('show new opening hours in the footer and in openingHoursSpecification', async () => {
    await save('hours', (value) => ({ ...value, weekly: { ...value.weekly, Su: [{ opens: '10:00', closes: '12:30' }] } }))
    const html = await page('/')
    expect(html).toContain('<li>Sunday: <time datetime="10:00">10:00 AM</time> to <time datetime="12:30">12:30 PM</time></li>')
    expect(clinicOf(html).openingHoursSpecification).toContainEqual({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: ['Sunday'],
      opens: '10:00',
      closes: '12:30',
    })
  })

  it('group consecutive days with the same ranges, a day with a lunch break on one line of its own', async () => {
    await save('hours', (value) => ({
      ...value,
      weekly: {
        ...value.weekly,
        We: [
          { opens: '14:00', closes: '19:00' },
          { opens: '09:00', closes: '12:00' },
        ],
      },
    }))
    const html = await page('/about')
    const time = (clock: string, shown: string) => `<time datetime="${clock}">${shown}</time>`
    const lines = [...(/<ul class="hours">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1])
    expect(lines).toEqual([
      `Monday and Tuesday: ${time('09:00', '9:00 AM')} to ${time('18:00', '6:00 PM')}`,
      `Wednesday: ${time('09:00', '9:00 AM')} to ${time('12:00', '12:00 PM')}, ${time('14:00', '2:00 PM')} to ${time('19:00', '7:00 PM')}`,
      `Thursday and Friday: ${time('09:00', '9:00 AM')} to ${time('18:00', '6:00 PM')}`,
      `Saturday: ${time('09:00', '9:00 AM')} to ${time('13:00', '1:00 PM')}`,
    ])
    const specification = (days: string[], opens: string, closes: string) => ({ '@type': 'OpeningHoursSpecification', dayOfWeek: days, opens, closes })
    expect(clinicOf(html).openingHoursSpecification).toEqual([
      specification(['Monday', 'Tuesday', 'Thursday', 'Friday'], '09:00', '18:00'),
      specification(['Wednesday'], '09:00', '12:00'),
      specification(['Wednesday'], '14:00', '19:00'),
      specification(['Saturday'], '09:00', '13:00'),
    ])
  })

  it('show a new price, and drop a hidden treatment from the pages, the form and the JSON-LD', async () => {
    await save('treatments', (value) => ({
      items: value.items.map((item) =>
        item.id === 'follow-up' ? { ...item, priceCents: 9900 } : item.id === 'back-pain' ? { ...item, visible: false } : item,
      ),
    }))
    for (const path of ['/', '/about', '/book']) {
      const html = await page(path)
      expect(html).toContain('$99.00')
      expect(html).not.toContain('Back pain focused session')
    }
    expect(JSON.stringify(clinicOf(await page('/')).availableService)).not.toContain('Back pain')
  })

  it('refuses a booking POST naming a hidden treatment with 422 and a reason, storing nothing', async () => {
    await save('treatments', (value) => ({ items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, visible: false } : item)) }))
    const fields = await bookingFields()
    const response = await post('/book', fields)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Back pain focused session is not offered at the moment. Choose another treatment')
    expect(
      await db()
        .select()
        .from(requests)
        .where(eq(requests.email, fields.email as string)),
    ).toEqual([])
  })

  it('keeps the treatment with a stored booking as the patient saw it', async () => {
    await save('treatments', (value) => ({
      items: value.items.map((item) => (item.id === 'back-pain' ? { ...item, name: 'Low back session', durationMinutes: 45, priceCents: 8800 } : item)),
    }))
    const booked = await post('/book', await bookingFields(), { json: true })
    expect(booked.status).toBe(201)
    const { reference } = (await booked.json()) as { reference: string }
    const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
    expect(row).toMatchObject({ serviceId: 'back-pain', serviceName: 'Low back session', serviceDurationMinutes: 45, servicePriceCents: 8800 })
  })
})

describe('free times and time off follow the settings', () => {
  // The week page with its clock fixed at noon on Friday, September 1, 2045, over this isolate's settings.
  const week = async () => (await bookingAt(clinicTime('2045-09-01', '12:00')).get('/book?treatment=back-pain&week=2045-09-04')).text()
  const offered = (html: string) => [...html.matchAll(/name="start" value="(\d+)"/g)].map((match) => Number(match[1]))
  const onDay = (starts: number[], date: string) => starts.filter((start) => zonedDate(new Date(start), 'America/Los_Angeles') === date)

  it('drops a day of time off and hours no longer open from the week, and ends the week at a shorter horizon', async () => {
    const before = offered(await week())
    expect(onDay(before, '2045-09-06')).toContain(clinicTime('2045-09-06', '10:00').getTime())
    expect(before).toContain(clinicTime('2045-09-05', '17:00').getTime())
    await save('time-off', () => ({ entries: [{ from: '2045-09-06', to: '2045-09-06', note: 'conference' }] }))
    await save('hours', (value) => ({ weekly: { ...value.weekly, Tu: [{ opens: '09:00', closes: '12:00' }] } }))
    const after = offered(await week())
    expect(onDay(after, '2045-09-06')).toEqual([])
    expect(onDay(after, '2045-09-05')).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00'].map((time) => clinicTime('2045-09-05', time).getTime()))
    expect(onDay(after, '2045-09-07')).toContain(clinicTime('2045-09-07', '10:00').getTime())
    await save('policies', (value) => ({ ...value, horizonDays: 5 }))
    const short = await week()
    expect(Math.max(...offered(short))).toBeLessThan(clinicTime('2045-09-07', '00:00').getTime())
    expect(short).not.toContain('Next week')
  })

  it('shows coming time off with its note on the booking and home pages, not past entries', async () => {
    await save('time-off', () => ({
      entries: [
        { from: '2001-01-02', to: '2001-01-03', note: 'long gone' },
        { from: '2099-12-24', to: '2100-01-02', note: 'conference' },
      ],
    }))
    for (const path of ['/book', '/']) {
      const html = await page(path)
      expect(html).toContain('Closed December 24 to January 2: conference')
      expect(html).not.toContain('long gone')
    }
  })

  it('drops an entry once its last day is before today in the clinic, and names a single day once', () => {
    const entries = [
      { from: '2026-12-24', to: '2027-01-02', note: 'conference' },
      { from: '2027-02-01', to: '2027-02-01', note: '' },
    ]
    expect(comingTimeOff(entries, '2027-01-02')).toEqual(entries)
    expect(comingTimeOff(entries, '2027-01-03')).toEqual([entries[1]])
    expect(describeTimeOff(entries[1]!, 'en-US')).toBe('Closed February 1')
    expect(describeTimeOff(entries[0]!, 'en-GB')).toBe('Closed 24 December to 2 January: conference')
  })
})
