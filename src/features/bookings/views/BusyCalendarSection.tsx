import { countNoun } from '../../../platform/count-noun'
import { formatInstant } from '../../../platform/dates'
import { CsrfField } from '../../../ui/AdminLayout'
import { describeCalendarFallback } from '../../../ui/CalendarFallbackNotice'
import { busyCalendarIsStale } from '../domain/busy-calendar'

/** How the practitioner's own calendar was last read; its address is a secret, so only its host is shown. */
interface BusyCalendarStatus {
  host: string
  lastGoodReadAt: Date | null
  lastAttemptAt: Date | null
  blocksCount: number
  lastError: string | null
}

export interface BusyCalendarSectionProps {
  /** Undefined while no address is set. */
  status?: BusyCalendarStatus
  now: Date
  locale: string
  csrfToken: string
  /** Why the pasted address was refused; the address itself is not echoed back. */
  error?: string
  notice?: keyof typeof notices
}

const notices = {
  saved: 'Your calendar address is saved and was read just now.',
  unread: 'Your calendar address is saved, but reading it failed: the reason is below. It is tried again every 15 minutes.',
  removed: 'Your calendar address is removed, with the busy times it gave.',
}

const blockNoun = { one: 'busy time', other: 'busy times' }

const BusyCalendarReads = ({ status, now, locale }: { status: BusyCalendarStatus; now: Date; locale: string }) => (
  <>
    {status.lastGoodReadAt ? (
      <p>
        Last read {formatInstant(status.lastGoodReadAt)}: {countNoun(status.blocksCount, blockNoun, locale)} ahead.
      </p>
    ) : (
      <p>Not read yet: it is read every 15 minutes.</p>
    )}
    {status.lastError && status.lastAttemptAt ? (
      <p class="notice" role="alert">
        The last read, {formatInstant(status.lastAttemptAt)}, failed: {status.lastError}.
      </p>
    ) : null}
    {busyCalendarIsStale(status, now) ? (
      <p class="notice" role="alert">
        {describeCalendarFallback(status)} Times you have added to it since may not be blocked here.
      </p>
    ) : null}
  </>
)

/** The practitioner's own calendar, whose events block times here: its status, and the form to paste or remove its address. */
export const BusyCalendarSection = ({ status, now, locale, csrfToken, error, notice }: BusyCalendarSectionProps) => (
  <section aria-labelledby="busy-calendar">
    <h2 id="busy-calendar">Your own calendar blocks times</h2>
    <p>
      Paste the secret iCal address of your personal calendar (Google, Apple, Outlook, Fastmail): its events are read every 15 minutes as busy times, only when
      each starts and ends, never their titles or guests.
    </p>
    {notice ? (
      <p class="notice-ok" role="status">
        {notices[notice]}
      </p>
    ) : null}
    {status ? (
      <>
        <p>
          A calendar address is set, at <strong>{status.host}</strong>.
        </p>
        <BusyCalendarReads status={status} now={now} locale={locale} />
        <form method="post" action="/admin/calendar/busy/remove">
          <CsrfField token={csrfToken} />
          <button type="submit" class="button">
            Remove the address and its busy times
          </button>
        </form>
      </>
    ) : null}
    <form method="post" action="/admin/calendar/busy">
      <CsrfField token={csrfToken} />
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for="f-busy-url">{status ? 'Replace it with another address' : 'Your calendar’s secret address'}</label>
        {error ? (
          <p id="f-busy-url-error" class="field-error">
            <span class="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        <input
          id="f-busy-url"
          name="feedUrl"
          type="text"
          inputmode="url"
          required
          autocomplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'f-busy-url-error' : undefined}
        />
      </div>
      <button type="submit" class="button">
        Save the address
      </button>
    </form>
  </section>
)
