import { formatInstant } from '../platform/dates'

/**
 * Why direct booking has given way to requests by itself: the practitioner's
 * own calendar has an address, and its last good read is over two hours old
 * (or never happened), so its busy times may miss what was added since.
 */
export interface CalendarFallback {
  lastGoodReadAt: Date | null
  lastError: string | null
}

/** The reason in words, shared by the settings page, the calendar page and the digest. */
export const describeCalendarFallback = ({ lastGoodReadAt, lastError }: CalendarFallback, format: (instant: Date) => string = formatInstant): string =>
  `Patients are asked to request times, which you then confirm, until your own calendar is read again: ${
    lastGoodReadAt ? `it was last read ${format(lastGoodReadAt)}, more than two hours ago` : 'it has not been read yet'
  }${lastError ? `, and the last try failed: ${lastError}` : ''}.`

/** The fallback said at the top of a page, with a link to the calendar's status where that is another page. */
export const CalendarFallbackNotice = ({ fallback, linkToCalendar }: { fallback: CalendarFallback; linkToCalendar?: boolean }) => (
  <div class="notice" role="alert">
    <p>{describeCalendarFallback(fallback)}</p>
    {linkToCalendar ? (
      <p>
        <a href="/admin/calendar">Your calendar’s address and status</a>
      </p>
    ) : null}
  </div>
)
