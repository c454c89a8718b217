import type { Service } from '../../../config'
import { formatClock, formatDay } from '../../../platform/dates'
import { addDays, zonedDate } from '../../../platform/time-zone'
import { AdminLayout } from '../../../ui/AdminLayout'
import { findBookedTreatment } from '../domain/treatment'
import type { AgendaEntry } from '../store/appointment-queries'

type Treatments = readonly Service[]

/** Whether another entry's time overlaps this one's. */
const overlapsAnother = (entry: AgendaEntry, entries: readonly AgendaEntry[]) =>
  entries.some((other) => other.id !== entry.id && other.start < entry.end && other.end > entry.start)

const DayTable = ({
  date,
  entries,
  all,
  affected,
  treatments,
}: {
  date: string
  entries: readonly AgendaEntry[]
  all: readonly AgendaEntry[]
  affected: Readonly<Record<string, string>>
  treatments: Treatments
}) => (
  <div class="table-scroll">
    <table class="reflow">
      <caption class="visually-hidden">Appointments on {formatDay(date)}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Patient</th>
          <th scope="col">Treatment</th>
          <th scope="col">Reference</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr>
            <td data-label="Time">
              {/* One child: a reflowed cell is a two-column grid of its label and its content. */}
              <span>
                <time datetime={entry.start.toISOString()}>{formatClock(entry.start)}</time> to{' '}
                <time datetime={entry.end.toISOString()}>{formatClock(entry.end)}</time>
                {overlapsAnother(entry, all) ? (
                  <>
                    {' '}
                    <span class="badge delivery-failed">overlaps another appointment</span>
                  </>
                ) : null}
                {affected[entry.id] ? (
                  <>
                    {' '}
                    <span class="badge delivery-failed">now {affected[entry.id]}</span>
                  </>
                ) : null}
              </span>
            </td>
            <th scope="row">
              <a href={`/admin/requests/${entry.id}`}>{entry.name}</a>
            </th>
            <td data-label="Treatment">{findBookedTreatment(entry, treatments)?.name ?? entry.serviceId ?? ''}</td>
            <td data-label="Reference">
              <code>{entry.reference}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
)

/**
 * The confirmed appointments of `days` clinic days from `today` (YYYY-MM-DD),
 * under one heading per day; days are the clinic's, whatever the reader's zone.
 * `affected` flags, by request id, appointments a settings change left outside the week;
 * `treatments` names an entry kept without its treatment's name.
 */
export const AgendaPage = ({
  entries,
  today,
  days,
  csrfToken,
  timeZone,
  treatments,
  affected = {},
}: {
  entries: readonly AgendaEntry[]
  today: string
  days: number
  csrfToken: string
  timeZone: string
  treatments: Treatments
  affected?: Readonly<Record<string, string>>
}) => (
  <AdminLayout title="Agenda" path="/admin/agenda" csrfToken={csrfToken}>
    <h1>Agenda</h1>
    <p>
      Confirmed appointments from today for {days} days, in the clinic’s time zone ({timeZone}).
    </p>
    {Array.from({ length: days }, (_, index) => addDays(today, index)).map((date) => {
      const onDay = entries.filter((entry) => zonedDate(entry.start, timeZone) === date)
      return (
        <section aria-labelledby={`day-${date}`}>
          <h2 id={`day-${date}`}>{formatDay(date)}</h2>
          {onDay.length === 0 ? <p>No appointments.</p> : <DayTable date={date} entries={onDay} all={entries} affected={affected} treatments={treatments} />}
        </section>
      )
    })}
  </AdminLayout>
)
