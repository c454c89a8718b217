import { Hono } from 'hono'
import { createDb } from '../../../platform/database'
import type { AdminVariables } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { findCalendarFeed, replaceCalendarFeed } from '../store/calendar-feeds'
import { CalendarPage } from '../views/CalendarPage'

type AdminEnv = { Bindings: Env; Variables: AdminVariables }

/**
 * The practitioner's calendar feed address. Making one answers with the page
 * itself rather than a redirect: the address is shown in that one answer and
 * never put in a URL or stored in clear.
 */
export const calendarFeedRoutes = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const feed = await findCalendarFeed(createDb(c.env.DB))
    return c.html(
      withPractice(currentSettings(), <CalendarPage createdAt={feed?.createdAt} fullNames={c.env.CALENDAR_NAMES === 'full'} csrfToken={c.get('csrfToken')} />),
    )
  })
  .post('/', async (c) => {
    const now = new Date()
    const token = await replaceCalendarFeed(createDb(c.env.DB), { now })
    const url = `${currentSettings().siteUrl}/calendar/${token}.ics`
    return c.html(
      withPractice(currentSettings(), <CalendarPage createdAt={now} url={url} fullNames={c.env.CALENDAR_NAMES === 'full'} csrfToken={c.get('csrfToken')} />),
    )
  })
