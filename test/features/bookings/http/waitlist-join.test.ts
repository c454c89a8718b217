import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { waitlistEntries } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { issueFormToken } from '../../../../src/platform/form-token'
import { db, postInit, uniqueEmail } from '../../../helpers/forms'
import { request } from '../../../helpers/http'
import { deliver, recordingEmail, recordingMessages } from '../../../helpers/notify'
import { at, join, joinFields, linkTokenOf, minutes, waitlistAt } from './waitlist-clinic'

const entriesOf = (email: string) => db().select().from(waitlistEntries).where(eq(waitlistEntries.email, email))

describe('joining the waitlist', () => {
  const now = at('2047-05-27', '10:00')

  it('shows the form with the parts of the day defined and the treatment asked for chosen', async () => {
    const response = await waitlistAt(now).get('/waitlist/join?treatment=back-pain')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<option value="back-pain" selected="">')
    expect(html).toContain('Morning (before 12:00)')
    expect(html).toContain('Afternoon (12:00 to 17:00)')
    expect(html).toContain('Evening (from 17:00)')
    expect(html).toContain('min="2047-05-27" max="2047-07-26"')
    expect(html).toContain('Times are in Pacific Time.')
  })

  it('stores the entry, emails the patient their link, and sends them to their page saying until when', async () => {
    const messages = recordingMessages()
    const fields = await joinFields('2047-06-12', { days: ['We', 'Th'], parts: ['morning', 'evening'], phone: '503 555 0101' })
    const response = await waitlistAt(now, { NOTIFY_QUEUE: messages.binding }).post('/waitlist/join', fields)
    expect(response.status).toBe(303)
    const token = linkTokenOf(response)!
    const [entry] = await entriesOf(fields.email as string)
    expect(entry).toMatchObject({
      serviceId: 'back-pain',
      serviceName: 'Back pain focused session',
      name: 'Wren Waiting',
      phone: '+15035550101',
      patientStatus: 'returning',
      fromDate: '2047-06-10',
      toDate: '2047-06-14',
      days: ['We', 'Th'],
      parts: ['morning', 'evening'],
      createdAt: now,
      // The range ends before the eight weeks do.
      expiresAt: at('2047-06-15', '00:00'),
      endedAt: null,
    })
    const [welcome] = await db().select().from(notifications).where(eq(notifications.id, entry!.joinedNotificationId))
    expect(welcome).toMatchObject({ requestId: null, channel: 'waitlist', topic: 'waitlist-joined', status: 'pending' })
    expect(messages.bodies).toEqual([{ notificationId: welcome!.id, generation: 0 }])
    const page = await (await waitlistAt(now).get(`/waitlist/${token}?done=joined`)).text()
    expect(page).toContain('You are on the waitlist. We have emailed you the link to this page.')
    expect(page).toContain('You are on the waitlist until Friday, June 14, 2047.')

    const email = recordingEmail()
    await deliver([{ notificationId: welcome!.id, generation: 0 }], { env: { EMAIL: email.binding } })
    expect(email.sent).toHaveLength(1)
    const text = String(email.sent[0]!.text)
    expect(text).toContain('Your waitlist page: ')
    expect(text).toContain(`/waitlist/${token}`)
    expect(text).toContain('until Friday, June 14, 2047')
    // The treatment is a health detail: not in the email unless NOTIFY_DETAILS=full.
    expect(text).not.toContain('Back pain')
  })

  it('keeps eight weeks when the dates reach further', async () => {
    const { entry } = await join(now, '2047-07-23', { fromDate: '2047-05-28', toDate: '2047-07-25' })
    expect(entry.expiresAt).toEqual(new Date(now.getTime() + 8 * 7 * 24 * 3_600_000))
  })

  it('answers wrong fields with 422, every problem beside its field, and the values kept', async () => {
    const email = uniqueEmail('waitlist-invalid')
    const fields = await joinFields('2047-06-12', { email, fromDate: '2047-06-14', toDate: '2047-06-10', days: [], parts: ['evening'], name: 'Kept Name' })
    const response = await waitlistAt(now).post('/waitlist/join', fields)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('The last date must be on or after the first date')
    expect(html).toContain('Choose the days of the week you could come')
    expect(html).toContain('value="Kept Name"')
    expect(html).toContain('value="2047-06-14"')
    expect(html).toMatch(/id="f-parts-evening" type="checkbox" name="parts" value="evening" checked=""/)
    expect(await entriesOf(email)).toEqual([])
    const beyond = await waitlistAt(now).post('/waitlist/join', await joinFields('2047-06-12', { toDate: '2047-07-27' }))
    expect(beyond.status).toBe(422)
    expect(await beyond.text()).toContain('Choose a last date within the next 60 days')
  })

  it('refuses posts from another site and bodies that are no form, through the Worker', async () => {
    const fields = await joinFields('2047-06-12')
    const crossSite = await request('/waitlist/join', postInit(fields, { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } }))
    expect(crossSite.status).toBe(403)
    const text = await request('/waitlist/join', postInit(fields, { headers: { 'Content-Type': 'text/plain' } }))
    expect(text.status).toBe(415)
    expect(await entriesOf(fields.email as string)).toEqual([])
  })

  it('answers a filled honeypot and a form sent back at once as if joined, storing nothing', async () => {
    const trapped = await joinFields('2047-06-12', { website: 'https://spam.example' })
    const trappedAnswer = await waitlistAt(now).post('/waitlist/join', trapped)
    expect(trappedAnswer.status).toBe(303)
    expect(linkTokenOf(trappedAnswer)).toMatch(/^[0-9a-f]{32}$/)
    const hasty = await joinFields('2047-06-12', {
      started: await (await import('../../../../src/platform/form-token')).issueFormToken(env.FORM_SECRET, 'waitlist'),
    })
    expect((await waitlistAt(now).post('/waitlist/join', hasty)).status).toBe(303)
    expect(await entriesOf(trapped.email as string)).toEqual([])
    expect(await entriesOf(hasty.email as string)).toEqual([])
  })
})

describe('joining twice', () => {
  const now = at('2047-09-01', '10:00')
  const welcomesOf = (email: string) =>
    db()
      .select({ id: notifications.id })
      .from(notifications)
      .innerJoin(waitlistEntries, eq(waitlistEntries.joinedNotificationId, notifications.id))
      .where(eq(waitlistEntries.email, email))

  it('a double click stores one entry, emails once, and answers both sends with its page', async () => {
    const messages = recordingMessages()
    const fields = await joinFields('2047-09-11')
    const clinic = waitlistAt(now, { NOTIFY_QUEUE: messages.binding })
    const answers = await Promise.all([clinic.post('/waitlist/join', fields), clinic.post('/waitlist/join', fields)])
    expect(answers.map((answer) => answer.status)).toEqual([303, 303])
    const entries = await entriesOf(fields.email as string)
    expect(entries).toHaveLength(1)
    const [first, second] = answers.map(linkTokenOf)
    expect(second).toBe(first)
    const welcomes = await welcomesOf(fields.email as string)
    expect(welcomes).toEqual([{ id: entries[0]!.joinedNotificationId }])
    expect(messages.bodies).toEqual([{ notificationId: entries[0]!.joinedNotificationId, generation: 0 }])
  })

  it('the same wish sent again while the entry waits opens that entry’s page; a changed wish or one sent after leaving joins anew', async () => {
    const fields = await joinFields('2047-09-11', { days: ['We', 'Th'], parts: ['morning', 'evening'] })
    const first = linkTokenOf(await waitlistAt(now).post('/waitlist/join', fields))
    const messages = recordingMessages()
    const again = await waitlistAt(at('2047-09-02', '18:00'), { NOTIFY_QUEUE: messages.binding }).post('/waitlist/join', {
      ...fields,
      started: await issueFormToken(env.FORM_SECRET, 'waitlist', Date.now() - 10_000),
    })
    expect(again.status).toBe(303)
    expect(linkTokenOf(again)).toBe(first)
    expect(messages.bodies).toEqual([])
    const page = await (await waitlistAt(at('2047-09-02', '18:00')).get(`/waitlist/${first}?done=joined`)).text()
    expect(page).toContain('You are on the waitlist until Friday, September 13, 2047.')
    expect(await entriesOf(fields.email as string)).toHaveLength(1)

    const changed = await waitlistAt(now).post('/waitlist/join', { ...fields, parts: ['morning'] })
    expect(linkTokenOf(changed)).not.toBe(first)
    expect(await entriesOf(fields.email as string)).toHaveLength(2)

    const left = await waitlistAt(now).get(`/waitlist/${first}`)
    const pageToken = /name="pageToken" value="([0-9a-f]{64})"/.exec(await left.text())?.[1] ?? ''
    expect((await waitlistAt(now).post(`/waitlist/${first}/leave`, { pageToken })).status).toBe(303)
    const rejoined = await waitlistAt(minutes(now, 5)).post('/waitlist/join', fields)
    expect(linkTokenOf(rejoined)).not.toBe(first)
    expect(await entriesOf(fields.email as string)).toHaveLength(3)
  })
})

describe('a trapped bot', () => {
  const now = at('2047-09-01', '10:00')
  const headersOf = (response: Response) => ['Content-Type', 'Cache-Control', 'X-Robots-Tag', 'Referrer-Policy'].map((name) => response.headers.get(name))

  it('is sent, as a patient is, to a waitlist page that answers 200 and holds nothing, through the Worker', async () => {
    const patient = await waitlistAt(now).post('/waitlist/join', await joinFields('2047-09-18'))
    const bot = await request('/waitlist/join', postInit(await joinFields('2047-09-18', { website: 'https://spam.example', name: 'Bot Trapped' })))
    expect(bot.status).toBe(patient.status)
    const botToken = linkTokenOf(bot)
    expect(botToken).toMatch(/^[0-9a-f]{32}$/)
    const [patientPage, botPage] = await Promise.all([request(patient.headers.get('Location')!), request(bot.headers.get('Location')!)])
    expect(botPage.status).toBe(200)
    expect(headersOf(botPage)).toEqual(headersOf(patientPage))
    const html = await botPage.text()
    const titleOf = (page: string) => /<title>[^<]*<\/title>/.exec(page)?.[0]
    expect(titleOf(html)).toBe(titleOf(await patientPage.text()))
    expect(html).toContain('<h1>Your waitlist place</h1>')
    expect(html).toContain('You are on the waitlist. We have emailed you the link to this page.')
    expect(html).not.toContain('Bot Trapped')
    expect(html).not.toContain('Page not found')
    expect(html).not.toContain('name="pageToken"')
    // A link of the same shape that was never handed out still opens nothing.
    const unknown = `${botToken!.slice(0, 16)}${botToken!.slice(16).replace(/^./, (digit) => (digit === '0' ? '1' : '0'))}`
    expect((await request(`/waitlist/${unknown}`)).status).toBe(404)
    expect((await request(`/waitlist/${'0'.repeat(32)}`)).status).toBe(404)
  })
})
