import { describe, expect, it } from 'vitest'
import { createWaitlistAdminRoutes } from '../../../../src/features/bookings/http/waitlist-admin'
import { adminAt, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { recordingMessages } from '../../../helpers/notify'
import { at, fiveMinuteRun, join, minutes, offersOf } from './waitlist-clinic'

/** The inbox's waitlist routes with the clock fixed at `now`, as a signed-in practitioner, over the real bindings. */
const inboxAt = (now: Date, bindings: Partial<Env> = {}) => adminAt(createWaitlistAdminRoutes({ clock: () => now }), '/admin/waitlist', bindings)

describe('the inbox’s waitlist', () => {
  it('lists who is waiting, and offers one of their free times by hand at once', async () => {
    const now = at('2047-07-29', '10:00')
    const { entry } = await join(minutes(now, -60), '2047-08-07', { name: 'Hana Handpicked' })
    const page = await (await inboxAt(now).get('/admin/waitlist')).text()
    const section = new RegExp(`<section aria-labelledby="entry-${entry.id}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? ''
    expect(section).toContain('Hana Handpicked')
    expect(section).toContain('<dd>Back pain focused session</dd>')
    expect(section).toContain('<dd>Monday, August 5, 2047 to Friday, August 9, 2047</dd>')
    expect(section).toContain('<dd>Wednesday</dd>')
    expect(section).toContain('<dd>Morning</dd>')
    expect(section).toContain('<dt>Offers sent</dt><dd>0</dd>')
    const nine = at('2047-08-07', '09:00').getTime()
    expect(section).toContain(`<option value="${nine}">Wednesday, August 7, 2047 at 9:00 AM Pacific Time</option>`)

    const messages = recordingMessages()
    const offered = await inboxAt(now, { NOTIFY_QUEUE: messages.binding }).post(`/admin/waitlist/${entry.id}/offer`, { start: String(nine) })
    expect(offered.status).toBe(303)
    expect(offered.headers.get('Location')).toBe('/admin/waitlist?done=offered')
    const [offer] = await offersOf(entry.id)
    expect(offer).toMatchObject({ start: new Date(nine), byHand: true, sentAt: now })
    expect(messages.bodies).toEqual([{ notificationId: offer!.notificationId, generation: 0 }])
    expect(await (await inboxAt(now).get('/admin/waitlist')).text()).toContain('<dt>Offers sent</dt><dd>1</dd>')

    const again = await inboxAt(now).post(`/admin/waitlist/${entry.id}/offer`, { start: String(nine) })
    expect(again.headers.get('Location')).toBe('/admin/waitlist?done=already')
    const notFree = await inboxAt(now).post(`/admin/waitlist/${entry.id}/offer`, { start: String(at('2047-08-07', '09:10').getTime()) })
    expect(notFree.status).toBe(409)
    expect(await notFree.text()).toContain('no longer free')
  })

  it('queues an offer made in the quiet hours for when they end', async () => {
    const now = at('2047-07-29', '22:00')
    const { entry } = await join(at('2047-07-29', '12:00'), '2047-08-14')
    const start = at('2047-08-14', '11:00').getTime()
    const queued = await inboxAt(now).post(`/admin/waitlist/${entry.id}/offer`, { start: String(start) })
    expect(queued.headers.get('Location')).toBe('/admin/waitlist?done=queued')
    expect(await offersOf(entry.id)).toMatchObject([{ byHand: true, sendAfter: at('2047-07-30', '08:00'), sentAt: null }])
    await fiveMinuteRun(at('2047-07-30', '07:55'), recordingMessages().binding)
    expect((await offersOf(entry.id))[0]!.sentAt).toBeNull()
    await fiveMinuteRun(at('2047-07-30', '08:00'), recordingMessages().binding)
    expect((await offersOf(entry.id))[0]!.sentAt).toEqual(at('2047-07-30', '08:00'))
  })

  it('is in the inbox’s navigation, and an offer without the CSRF token is refused', async () => {
    const session = await signIn()
    const page = await adminGet(session, '/admin/waitlist')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<a href="/admin/waitlist">Waitlist</a>')
    expect((await adminPost(session, '/admin/waitlist/nobody/offer', { csrf: 'wrong', start: '1' })).status).toBe(403)
  })
})
