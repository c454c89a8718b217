import { fullDayName } from '../../../../config'
import { AdminLayout, CsrfField } from '../../../../ui/AdminLayout'
import { periodHours } from '../../domain/booking-window'
import { describeDate, describeStart } from '../../domain/waitlist-words'
import type { WaitlistEntryRow } from '../../store/schema'

interface AdminWaitlistEntry {
  entry: WaitlistEntryRow
  offersSent: number
  /** Free starts of the entry's treatment over its dates, to offer by hand. */
  freeStarts: readonly Date[]
}

export interface AdminWaitlistProps {
  entries: readonly AdminWaitlistEntry[]
  csrfToken: string
  clock: { locale: string; timeZone: string }
  message?: { text: string; kind: 'done' | 'refused' }
}

/** The inbox's waitlist: who waits for what, and a form per entry to offer one free time by hand. */
export const AdminWaitlistPage = ({ entries, csrfToken, clock, message }: AdminWaitlistProps) => (
  <AdminLayout title="Waitlist" path="/admin/waitlist" csrfToken={csrfToken}>
    <h1>Waitlist</h1>
    {message ? (
      <div class={message.kind === 'done' ? 'notice notice-ok' : 'notice'} role={message.kind === 'done' ? 'status' : 'alert'}>
        <p>{message.text}</p>
      </div>
    ) : null}
    <p>
      When a time that suits someone comes free, and stays free for 15 minutes, they are emailed an offer (never in the quiet hours); the first to take it gets
      it. You can also offer a free time to one person here.
    </p>
    {entries.length === 0 ? <p>Nobody is waiting.</p> : null}
    {entries.map(({ entry, offersSent, freeStarts }) => (
      <section aria-labelledby={`entry-${entry.id}`} class="card">
        <h2 id={`entry-${entry.id}`}>{entry.name}</h2>
        <dl class="details">
          <dt>Treatment</dt>
          <dd>{entry.serviceName}</dd>
          <dt>Dates</dt>
          <dd>
            {describeDate(entry.fromDate, clock.locale)} to {describeDate(entry.toDate, clock.locale)}
          </dd>
          <dt>Days</dt>
          <dd>{entry.days.map(fullDayName).join(', ')}</dd>
          <dt>Parts of the day</dt>
          <dd>{entry.parts.map((part) => periodHours[part].label).join(', ')}</dd>
          <dt>Joined</dt>
          <dd>{describeStart(entry.createdAt, clock)}</dd>
          <dt>Leaves the list</dt>
          <dd>{describeStart(entry.expiresAt, clock)}</dd>
          <dt>Offers sent</dt>
          <dd>{offersSent}</dd>
        </dl>
        {freeStarts.length === 0 ? (
          <p>No free time in their dates to offer.</p>
        ) : (
          <form method="post" action={`/admin/waitlist/${entry.id}/offer`}>
            <CsrfField token={csrfToken} />
            <label for={`start-${entry.id}`}>Free time to offer {entry.name}</label>
            <select id={`start-${entry.id}`} name="start" required>
              {freeStarts.map((start) => (
                <option value={String(start.getTime())}>{describeStart(start, clock)}</option>
              ))}
            </select>
            <button type="submit" class="button">
              Offer this time
            </button>
          </form>
        )}
      </section>
    ))}
  </AdminLayout>
)
