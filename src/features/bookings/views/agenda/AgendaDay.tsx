import type { Service } from '../../../../config'
import { formatClock, formatDay } from '../../../../platform/dates'
import { weekdayOf, zonedInstant } from '../../../../platform/time-zone'
import type { Settings } from '../../../settings'
import { periodHours } from '../../domain/booking-window'
import { findBookedTreatment } from '../../domain/treatment'
import type { AgendaEntry } from '../../store/appointment-queries'
import type { DayItem } from './day-items'

/** What a day of the week view needs of the settings. */
export type AgendaSettings = Pick<Settings, 'weekly' | 'timeOff' | 'timeZone' | 'allServices'>

const Span = ({ start, end }: { start: Date; end: Date }) => (
  <>
    <time datetime={start.toISOString()}>{formatClock(start)}</time> to <time datetime={end.toISOString()}>{formatClock(end)}</time>
  </>
)

const treatmentName = (entry: Pick<AgendaEntry, 'serviceId' | 'serviceName'>, treatments: readonly Service[]) =>
  findBookedTreatment(entry, treatments)?.name ?? entry.serviceId ?? 'treatment'

const Warning = ({ text }: { text: string }) => (
  <>
    {' '}
    <span class="badge delivery-failed">{text}</span>
  </>
)

/** One line of the day; every link to a request names its patient for a screen reader. */
function Item({
  item,
  settings,
  affected,
  overlaps,
  now,
}: {
  item: DayItem
  settings: AgendaSettings
  affected: Readonly<Record<string, string>>
  overlaps: ReadonlySet<string>
  now: Date
}) {
  switch (item.kind) {
    case 'appointment': {
      const { entry } = item
      return (
        <li class="agenda-appointment">
          <Span start={entry.start} end={entry.end} />: <a href={`/admin/requests/${entry.id}`}>{entry.name}</a>, {treatmentName(entry, settings.allServices)}
          {overlaps.has(entry.id) ? <Warning text="overlaps another appointment" /> : null}
          {affected[entry.id] ? <Warning text={`now ${affected[entry.id]}`} /> : null}
          {entry.start > now ? (
            <>
              {' '}
              <a href={`/admin/requests/${entry.id}#move-heading`}>
                Move<span class="visually-hidden"> {entry.name}’s appointment</span>
              </a>
            </>
          ) : null}
        </li>
      )
    }
    case 'proposal':
      return (
        <li class="agenda-proposal">
          <Span start={item.proposal.start} end={item.proposal.end} />: proposed to <a href={`/admin/requests/${item.proposal.id}`}>{item.proposal.name}</a>,
          waiting for the patient to choose
        </li>
      )
    case 'waiting': {
      const { request } = item
      return (
        <li class="agenda-waiting">
          {request.time.start ? (
            <time datetime={request.time.start.toISOString()}>{formatClock(request.time.start)}</time>
          ) : (
            periodHours[request.time.period].label
          )}
          : <a href={`/admin/requests/${request.id}`}>{request.name}</a> asks for {treatmentName(request, settings.allServices)}, waiting for you.{' '}
          <a href={`/admin/requests/${request.id}#confirm-heading`}>
            Confirm<span class="visually-hidden"> {request.name}’s request</span>
          </a>{' '}
          <a href={`/admin/requests/${request.id}#propose-heading`}>
            Propose<span class="visually-hidden"> times to {request.name}</span>
          </a>
        </li>
      )
    }
    case 'busy':
      return (
        <li class="agenda-busy">
          <Span start={item.start} end={item.end} />: Busy
        </li>
      )
    case 'free':
      return (
        <li class="agenda-free">
          <Span start={item.start} end={item.end} />: Free
        </li>
      )
  }
}

/** The opening hours of `date`, or its time off. */
function Hours({ date, settings }: { date: string; settings: AgendaSettings }) {
  const off = settings.timeOff.find((entry) => entry.from <= date && date <= entry.to)
  if (off) return <p class="agenda-hours">Time off{off.note ? `: ${off.note}` : ''}</p>
  const ranges = [...(settings.weekly[weekdayOf(date)] ?? [])].sort((a, b) => a.opens.localeCompare(b.opens))
  if (ranges.length === 0) return <p class="agenda-hours">Closed</p>
  const at = (time: string) => formatClock(zonedInstant(date, time, settings.timeZone))
  return <p class="agenda-hours">Open {ranges.map((range) => `${at(range.opens)} to ${at(range.closes)}`).join(', ')}</p>
}

/** One clinic day of the week view: its hours, then what happens in it; today is marked for every reader. */
export const AgendaDay = ({
  date,
  today,
  items,
  settings,
  affected,
  overlaps,
  now,
}: {
  date: string
  today: string
  items: readonly DayItem[]
  settings: AgendaSettings
  affected: Readonly<Record<string, string>>
  overlaps: ReadonlySet<string>
  now: Date
}) => (
  <section class="agenda-day" aria-labelledby={`day-${date}`} aria-current={date === today ? 'date' : undefined}>
    <h2 id={`day-${date}`}>
      {formatDay(date)}
      {date === today ? (
        <>
          {' '}
          <span class="badge">today</span>
        </>
      ) : null}
    </h2>
    <Hours date={date} settings={settings} />
    {items.length === 0 ? (
      <p>Nothing booked, nothing free.</p>
    ) : (
      <ul class="agenda-items">
        {items.map((item) => (
          <Item item={item} settings={settings} affected={affected} overlaps={overlaps} now={now} />
        ))}
      </ul>
    )}
  </section>
)
