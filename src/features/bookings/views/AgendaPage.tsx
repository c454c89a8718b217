import { clinicZoneName, formatDay } from '../../../platform/dates'
import { addDays } from '../../../platform/time-zone'
import { AdminLayout } from '../../../ui/AdminLayout'
import type { AgendaWeek } from '../store/agenda-week'
import type { AgendaEntry } from '../store/appointment-queries'
import { AgendaDay, type AgendaSettings } from './agenda/AgendaDay'
import { listDayItems } from './agenda/day-items'

/** The ids of appointments whose time overlaps another's. */
const overlapping = (entries: readonly AgendaEntry[]) =>
  new Set(
    entries.filter((entry) => entries.some((other) => other.id !== entry.id && other.start < entry.end && other.end > entry.start)).map((entry) => entry.id),
  )

/**
 * The practitioner's week, Monday to Sunday on the clinic's calendar: each
 * day's hours or time off, appointments (flagged when they overlap, or when a
 * settings change in `affected` left them outside the week), proposals and
 * requests waiting, busy time and free gaps. Days sit side by side on a wide
 * screen and one after another on a narrow one.
 */
export const AgendaPage = ({
  week,
  today,
  now,
  csrfToken,
  settings,
  affected = {},
}: {
  week: AgendaWeek
  today: string
  now: Date
  csrfToken: string
  settings: AgendaSettings & { scheduling: { stepMinutes: number } }
  affected?: Readonly<Record<string, string>>
}) => {
  const days = Array.from({ length: 7 }, (_, index) => addDays(week.monday, index))
  const overlaps = overlapping(week.appointments)
  return (
    <AdminLayout title="Agenda" path="/admin/agenda" csrfToken={csrfToken}>
      <h1>Week of {formatDay(week.monday)}</h1>
      <p>
        Times in {clinicZoneName()}. Free gaps fit a {week.freeMinutes}-minute treatment; busy times come from your own calendar.
      </p>
      <nav aria-label="Weeks" class="pager">
        <a href={`/admin/agenda?week=${addDays(week.monday, -7)}`}>Previous week</a>
        {days.includes(today) ? null : <a href="/admin/agenda">This week</a>}
        <a href={`/admin/agenda?week=${addDays(week.monday, 7)}`}>Next week</a>
      </nav>
      <div class="agenda-week">
        {days.map((date) => (
          <AgendaDay
            date={date}
            today={today}
            items={listDayItems(week, date, settings.timeZone, settings.scheduling.stepMinutes)}
            settings={settings}
            affected={affected}
            overlaps={overlaps}
            now={now}
          />
        ))}
      </div>
    </AdminLayout>
  )
}
