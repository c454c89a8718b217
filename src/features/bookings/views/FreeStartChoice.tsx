import { formatClock, formatDay } from '../../../platform/dates'
import { addDays } from '../../../platform/time-zone'
import { type OfferedStart, offeredStart } from '../domain/confirm-offers'
import type { OfferedStarts } from '../store/practitioner-times'

/** The offered starts by clinic date, in order. */
function byDay(offered: OfferedStarts, timeZone: string): [string, OfferedStart[]][] {
  const days = new Map<string, OfferedStart[]>()
  for (const start of offered.starts.map((instant) => offeredStart(instant, timeZone))) {
    const date = start.slot.slice(0, 10)
    days.set(date, [...(days.get(date) ?? []), start])
  }
  return [...days]
}

/** The free starts as a select's options, one group a day; each option names its day, as a screen reader reads it alone. */
export const FreeStartOptions = ({ offered, timeZone }: { offered: OfferedStarts; timeZone: string }) => (
  <>
    {byDay(offered, timeZone).map(([date, starts]) => (
      <optgroup label={formatDay(date)}>
        {starts.map(({ start, slot }) => (
          <option value={slot}>{`${formatDay(date)}, ${formatClock(start)}`}</option>
        ))}
      </optgroup>
    ))}
  </>
)

/** Links to the seven days before (never before today) and after those offered, back to the form at `anchor`. */
export const OfferedDaysPager = ({ requestId, offered, anchor, label }: { requestId: string; offered: OfferedStarts; anchor: string; label: string }) => {
  const earlier = [addDays(offered.from, -7), offered.today].sort()[1]!
  return (
    <nav aria-label={label} class="pager">
      {offered.from > offered.today ? <a href={`/admin/requests/${requestId}?from=${earlier}#${anchor}`}>Earlier days</a> : null}
      <a href={`/admin/requests/${requestId}?from=${addDays(offered.from, 7)}#${anchor}`}>Later days</a>
    </nav>
  )
}

/** "Free starts from Monday, March 5, 2046 to Sunday, March 11, 2046": what the choice covers. */
export const offeredSpan = (offered: OfferedStarts) => `from ${formatDay(offered.from)} to ${formatDay(offered.to)}`
