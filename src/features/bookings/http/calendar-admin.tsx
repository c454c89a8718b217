import { Hono } from 'hono'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { findCalendarFeed, replaceCalendarFeed } from '../store/calendar-feeds'
import { CalendarPage } from '../views/CalendarPage'

/**
 * The practitioner's calendar feed address. Making one answers with the page
 * itself rather than a redirect: the address is shown in that one answer and
 * never put in a URL or stored in clear.
 */
export const calendarFeedRoutes = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const feed = await findCalendarFeed(c.var.db)
    return c.html(
      withPractice(currentSettings(), <CalendarPage createdAt={feed?.createdAt} fullNames={c.env.CALENDAR_NAMES === 'full'} csrfToken={c.get('csrfToken')} />),
    )
  })
  .post('/', async (c) => {
    const now = new Date()
    const token = await replaceCalendarFeed(c.var.db, { now })
    const url = `${currentSettings().siteUrl}/calendar/${token}.ics`
    return c.html(
      withPractice(currentSettings(), <CalendarPage createdAt={now} url={url} fullNames={c.env.CALENDAR_NAMES === 'full'} csrfToken={c.get('csrfToken')} />),
    )
  })
