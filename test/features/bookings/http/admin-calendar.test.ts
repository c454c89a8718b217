import { beforeAll, describe, expect, it } from 'vitest'
import { calendarFeeds } from '../../../../src/features/bookings/store/schema'
import { CalendarPage } from '../../../../src/features/bookings/views/CalendarPage'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { origin, request, requestWith, uniqueClientIp } from '../../../helpers/http'
import { renderPage } from '../../../helpers/settings'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** The feed address shown once in the answer to the button. */
const shownUrl = (html: string) => /<code id="feed-url">(https:\/\/clinic\.example\.com\/calendar\/[0-9a-f]{32}\.ics)<\/code>/.exec(html)?.[1]

const feedStatus = async (url: string) => (await requestWith({}, new URL(url).pathname, { headers: { 'CF-Connecting-IP': uniqueClientIp() } })).status

describe('the calendar feed page', () => {
  it('makes an address, shows it once, and a new one stops the old at once', async () => {
    const first = await adminPost(session, '/admin/calendar')
    expect(first.status).toBe(200)
    const firstHtml = await first.text()
    const firstUrl = shownUrl(firstHtml)
    expect(firstUrl).toBeDefined()
    expect(firstHtml).toContain('It is shown only this once')
    expect(await feedStatus(firstUrl!)).toBe(200)

    const page = await (await adminGet(session, '/admin/calendar')).text()
    expect(page).toContain('A feed address exists')
    expect(page).not.toContain(firstUrl!.slice(-36))
    expect(page).toContain('Make a new address (the old one stops working)')
    expect(page).toContain('every 8 to 24 hours')
    expect(page).toContain('<a href="/admin/calendar">Calendar feed</a>')

    const secondUrl = shownUrl(await (await adminPost(session, '/admin/calendar')).text())
    expect(secondUrl).toBeDefined()
    expect(secondUrl).not.toBe(firstUrl)
    expect(await feedStatus(firstUrl!)).toBe(404)
    expect(await feedStatus(secondUrl!)).toBe(200)
    expect(await db().select().from(calendarFeeds)).toHaveLength(1)
  })

  it('refuses strangers: the page sends them to sign in, the button answers 401, and no address is made', async () => {
    const before = await db().select().from(calendarFeeds)
    const page = await request('/admin/calendar', { redirect: 'manual' })
    expect(page.status).toBe(303)
    expect(page.headers.get('Location')).toMatch(/^\/admin\/login\?next=/)
    const post = await request('/admin/calendar', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(post.status).toBe(401)
    expect(await post.text()).not.toMatch(/\/calendar\/[0-9a-f]{32}\.ics/)
    expect(await db().select().from(calendarFeeds)).toEqual(before)
  })

  it('refuses a post without the CSRF token or from another site, keeping the current address', async () => {
    const current = shownUrl(await (await adminPost(session, '/admin/calendar')).text())
    const before = await db().select().from(calendarFeeds)
    for (const csrf of ['', '0'.repeat(64)]) {
      const response = await adminPost(session, '/admin/calendar', { csrf })
      expect(response.status).toBe(403)
      expect(await response.text()).not.toMatch(/\/calendar\/[0-9a-f]{32}\.ics/)
    }
    const crossSite = await request('/admin/calendar', {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: session.csrf }).toString(),
    })
    expect(crossSite.status).toBe(403)
    expect(await db().select().from(calendarFeeds)).toEqual(before)
    expect(await feedStatus(current!)).toBe(200)
  })

  it('changes nothing when opened', async () => {
    await adminPost(session, '/admin/calendar')
    const before = await db().select().from(calendarFeeds)
    const response = await adminGet(session, '/admin/calendar')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(shownUrl(await response.text())).toBeUndefined()
    expect(await db().select().from(calendarFeeds)).toEqual(before)
  })
})

/** No address of the practitioner's own calendar set. */
const noBusyCalendar = { now: new Date('2026-10-12T15:00:00Z'), locale: 'en-US' }

describe('CalendarPage', () => {
  it('offers to create the first address, and says whose names the entries carry', async () => {
    const html = await renderPage(CalendarPage({ fullNames: false, csrfToken: 'token', busy: noBusyCalendar }))
    expect(html).toContain('There is no feed address yet.')
    expect(html).toContain('<button type="submit" class="button">Create the feed address</button>')
    expect(html).toContain('<input type="hidden" name="csrf" value="token"/>')
    expect(html).toContain('the patient’s initials')
    expect(await renderPage(CalendarPage({ fullNames: true, csrfToken: 'token', busy: noBusyCalendar }))).toContain('the patient’s full name')
  })
  it('asks for the address of the practitioner’s own calendar while none is set, with nothing to remove', async () => {
    const html = await renderPage(CalendarPage({ fullNames: false, csrfToken: 'token', busy: noBusyCalendar }))
    expect(html).toContain('<label for="f-busy-url">Your calendar’s secret address</label>')
    expect(html).not.toContain('Remove the address')
    expect(html).not.toContain('Patients are asked to request times')
  })
})
