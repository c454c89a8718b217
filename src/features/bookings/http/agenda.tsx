import { Hono } from 'hono'
import { Refusal } from '../../../platform/refusal'
import { addDays, isCalendarDate, weekdayOf, zonedDate } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { listAffected } from '../affected'
import { loadAgendaWeek } from '../store/agenda-week'
import { AgendaPage } from '../views/AgendaPage'

const weekdaysFromMonday = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const

/** The Monday of the clinic week `date` is in. */
const mondayOf = (date: string) => addDays(date, -weekdaysFromMonday.indexOf(weekdayOf(date) as (typeof weekdaysFromMonday)[number]))

/** The week `?week=` names (any of its dates), or this clinic week; a mistyped date is refused rather than guessed. */
function readWeek(week: string | undefined, today: string): string {
  if (week === undefined) return mondayOf(today)
  if (!isCalendarDate(week)) {
    throw new Refusal(400, 'Bad week', 'The week to show must be a date such as 2046-03-05. Use the agenda’s own links to move between weeks.')
  }
  return mondayOf(week)
}

/**
 * The practitioner's week, Monday to Sunday in the clinic's zone (`?week=` any
 * date in it): appointments, what waits, busy time and free gaps; `clock` is
 * the page's notion of now, fixed in tests.
 */
export const createAgendaRoutes = ({ clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<AdminEnv>().get('/', async (c) => {
    const settings = currentSettings()
    const now = clock()
    const today = zonedDate(now, settings.timeZone)
    const week = await loadAgendaWeek(c.var.db, { monday: readWeek(c.req.query('week'), today), settings, now })
    const affected = await listAffected(c.var.db, week.appointments, settings)
    return c.html(
      withPractice(settings, <AgendaPage week={week} today={today} now={now} csrfToken={c.get('csrfToken')} settings={settings} affected={affected} />),
    )
  })

export const agendaRoutes = createAgendaRoutes()
