import { formatInstant } from '../../../platform/dates'
import { AdminLayout, CsrfField } from '../../../ui/AdminLayout'
import { BusyCalendarSection, type BusyCalendarSectionProps } from './BusyCalendarSection'

export interface CalendarPageProps {
  /** When the current address was made, or undefined when there is no feed. */
  createdAt?: Date
  /** The full address, only in the answer to making it: only its hash is kept. */
  url?: string
  /** CALENDAR_NAMES="full": entries carry the patient's full name rather than initials. */
  fullNames: boolean
  csrfToken: string
  /** The practitioner's own calendar, read as busy times. */
  busy: Omit<BusyCalendarSectionProps, 'csrfToken'>
}

/**
 * The practitioner's calendar feed (whether it exists, the new address once,
 * and the button that (re)makes it), then their own calendar read as busy times.
 */
export const CalendarPage = ({ createdAt, url, fullNames, csrfToken, busy }: CalendarPageProps) => (
  <AdminLayout title="Calendar feed" path="/admin/calendar" csrfToken={csrfToken}>
    <h1>Calendar feed</h1>
    <p>
      Your confirmed appointments, from 30 days back onwards, as a calendar your phone or computer subscribes to. Each shows the reference and the patient’s{' '}
      {fullNames ? 'full name' : 'initials'}, the length and a link to the request here; no treatment, email or phone number.
    </p>
    {url ? (
      <div class="notice-ok" role="status">
        <p>The new address of your calendar feed:</p>
        <p>
          <code id="feed-url">{url}</code>
        </p>
        <p>
          Copy it now into your calendar app (“subscribe” or “add calendar from URL”). It is shown only this once: only a fingerprint of it is kept, so it
          cannot be shown again. If you lose it, make a new one. Anyone who has it can read your appointments: keep it to yourself.
        </p>
      </div>
    ) : createdAt ? (
      <p>A feed address exists, made {formatInstant(createdAt)}. It cannot be shown again; make a new one if you need it.</p>
    ) : (
      <p>There is no feed address yet.</p>
    )}
    <p>
      Google Calendar refreshes a subscribed calendar only every 8 to 24 hours; Apple Calendar and Outlook do so more often. A change can take that long to
      appear there, so the email invitation stays the fast way to hear of a new or moved appointment.
    </p>
    <form method="post" action="/admin/calendar">
      <CsrfField token={csrfToken} />
      <button type="submit" class="button">
        {createdAt ? 'Make a new address (the old one stops working)' : 'Create the feed address'}
      </button>
    </form>
    <BusyCalendarSection {...busy} csrfToken={csrfToken} />
  </AdminLayout>
)
