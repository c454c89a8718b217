import { Hono } from 'hono'
import { zonedDate } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { listAffected } from '../affected'
import { listAgenda } from '../store/appointment-queries'
import { AgendaPage } from '../views/AgendaPage'

/** Today and the next 13 days. */
const agendaDays = 14

/** The practitioner's next two weeks: confirmed appointments by clinic day; `clock` is the page's notion of now, fixed in tests. */
export const createAgendaRoutes = ({ clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<AdminEnv>().get('/', async (c) => {
    const today = zonedDate(clock(), currentSettings().timeZone)
    const entries = await listAgenda(c.var.db, { from: today, days: agendaDays, timeZone: currentSettings().timeZone })
    const affected = await listAffected(c.var.db, entries, currentSettings())
    const settings = currentSettings()
    return c.html(
      withPractice(
        settings,
        <AgendaPage
          entries={entries}
          today={today}
          days={agendaDays}
          csrfToken={c.get('csrfToken')}
          timeZone={settings.timeZone}
          treatments={settings.allServices}
          affected={affected}
        />,
      ),
    )
  })

export const agendaRoutes = createAgendaRoutes()
