import { type Context, Hono } from 'hono'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { feedAddress } from '../busy-calendar/fetch-feed'
import { clinicFeedRefusal, isClinicFeed } from '../busy-calendar/read'
import { refreshPractitionerCalendar } from '../jobs'
import { findBusyCalendarState, removeBusyCalendarAddress, saveBusyCalendarAddress } from '../store/busy-calendar'
import { findCalendarFeed, replaceCalendarFeed } from '../store/calendar-feeds'
import type { BusyCalendarSectionProps } from '../views/BusyCalendarSection'
import { CalendarPage, type CalendarPageProps } from '../views/CalendarPage'

type PageChange = Partial<Pick<CalendarPageProps, 'createdAt' | 'url'>> & Pick<BusyCalendarSectionProps, 'error' | 'notice'>

/** The page as stored now; `change` adds what one answer alone shows (a new feed address, a refusal, a notice). */
async function renderCalendarPage(c: Context<AdminEnv>, now: Date, change: PageChange, status?: 422) {
  const settings = currentSettings()
  const [feed, busy] = await Promise.all([findCalendarFeed(c.var.db), findBusyCalendarState(c.var.db)])
  // The address grants read access to the practitioner's calendar: only its host is ever shown back.
  const busyStatus = busy?.feedUrl ? { ...busy, host: new URL(busy.feedUrl).host } : undefined
  const page = (
    <CalendarPage
      createdAt={change.createdAt ?? feed?.createdAt}
      url={change.url}
      fullNames={c.env.CALENDAR_NAMES === 'full'}
      csrfToken={c.get('csrfToken')}
      busy={{ status: busyStatus, now, locale: settings.locale, error: change.error, notice: change.notice }}
    />
  )
  return c.html(withPractice(settings, page), status)
}

/**
 * The practitioner's calendar feed address, and the address of their own
 * calendar read as busy times. Making a feed address answers with the page
 * itself rather than a redirect: the address is shown in that one answer and
 * never put in a URL or stored in clear. `clock` is the page's notion of now,
 * fixed in tests.
 */
export const createCalendarFeedRoutes = ({ clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<AdminEnv>()
    .get('/', (c) => {
      const notice = c.req.query('busy')
      return renderCalendarPage(c, clock(), { notice: notice === 'saved' || notice === 'unread' || notice === 'removed' ? notice : undefined })
    })
    .post('/', async (c) => {
      const now = clock()
      const token = await replaceCalendarFeed(c.var.db, { now })
      return renderCalendarPage(c, now, { createdAt: now, url: `${currentSettings().siteUrl}/calendar/${token}.ics` })
    })
    .post('/busy', async (c) => {
      const form = await c.req.formData()
      const address = feedAddress(String(form.get('feedUrl') ?? ''))
      if ('error' in address) return renderCalendarPage(c, clock(), { error: address.error }, 422)
      if (isClinicFeed(address, `${currentSettings().siteUrl}/calendar/`)) return renderCalendarPage(c, clock(), { error: clinicFeedRefusal }, 422)
      await saveBusyCalendarAddress(c.var.db, { feedUrl: address.href })
      // Read at once, as the cron would, rather than in the background: until a first good read, direct booking falls back to requests, and the page shows how the read went.
      const read = await refreshPractitionerCalendar(c.env, clock())
      return c.redirect(`/admin/calendar?busy=${read?.outcome === 'failed' ? 'unread' : 'saved'}`, 303)
    })
    .post('/busy/remove', async (c) => {
      await removeBusyCalendarAddress(c.var.db)
      return c.redirect('/admin/calendar?busy=removed', 303)
    })

export const calendarFeedRoutes = createCalendarFeedRoutes()
