import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../../platform/env'
import { rateLimitPerClient, rateLimitSiteWide } from '../../../platform/guards'
import { appointmentUid, type CalendarEvent, feedIcs } from '../../notifications'
import type { Settings } from '../../settings'
import { currentSettings } from '../../settings'
import { type FeedAppointment, listFeedAppointments } from '../store/calendar-feed'
import { isCalendarFeedToken } from '../store/calendar-feeds'

const addressOf = ({ address }: Settings) => `${address.street}, ${address.locality}, ${address.region} ${address.postalCode}`

const guessAdvice = 'This address has been asked for too often in a short while. Please wait a minute and try again.'
const busyAdvice = 'The calendar is being asked for unusually often just now. Please wait a minute: your calendar app will try again by itself.'

/**
 * "R.P." for "Robin Patient": enough for the practitioner to recognise the
 * booking on a phone's lock screen, not enough to name the patient to anyone
 * who glances at it.
 */
const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${Array.from(word)[0]!.toUpperCase()}.`)
    .join('')

/** One feed entry: who and how long, and the way back to the request; never the treatment, an email or a phone. */
function eventOf(appointment: FeedAppointment, names: string, now: Date, settings: Settings): CalendarEvent {
  const who = names === 'full' ? appointment.name : initialsOf(appointment.name)
  const minutes = Math.round((appointment.end.getTime() - appointment.start.getTime()) / 60_000)
  const link = `${settings.siteUrl}/admin/requests/${appointment.id}`
  return {
    uid: appointmentUid(appointment.id, settings.siteUrl),
    sequence: appointment.sequence,
    start: appointment.start,
    end: appointment.end,
    stamp: now,
    summary: `${appointment.reference} ${who}`,
    description: `${minutes} minutes. The request in the inbox: ${link}`,
    location: addressOf(settings),
    status: 'CONFIRMED',
    url: link,
  }
}

/** Unknown, malformed and replaced addresses all get this one answer, so none can be told from another. */
const notFound = (c: Context) => c.text('There is no calendar at this address.', 404)

/**
 * The practitioner's private calendar: `/calendar/<secret>.ics`, subscribed to
 * from a calendar app. Only the secret's hash is stored; guessing is slowed by
 * the same per-client limit as the patient's page. `clock` is fixed in tests.
 */
export function calendarRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  return new Hono<AppEnv>()
    .use(rateLimitPerClient('calendar', (env) => env.MANAGE_RATE_LIMITER, guessAdvice))
    .use(rateLimitSiteWide('calendar', (env) => env.MANAGE_SITE_RATE_LIMITER, busyAdvice))
    .get('/:file', async (c) => {
      const token = /^(.+)\.ics$/.exec(c.req.param('file'))?.[1] ?? ''
      const db = c.var.db
      if (!(await isCalendarFeedToken(db, token))) return notFound(c)
      const now = clock()
      const appointments = await listFeedAppointments(db, { now })
      const settings = currentSettings()
      const events = appointments.map((appointment) => eventOf(appointment, c.env.CALENDAR_NAMES, now, settings))
      return c.body(feedIcs(events, `${settings.clinicName}: appointments`), 200, { 'Content-Type': 'text/calendar; charset=utf-8' })
    })
}
