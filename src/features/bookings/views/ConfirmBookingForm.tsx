import { formatPreferredTime } from '../../../platform/dates'
import { zonedInstant } from '../../../platform/time-zone'
import { CsrfField } from '../../../ui/AdminLayout'
import { currentSettings } from '../../settings'
import { listConfirmableStarts, openWindow, periodHours } from '../domain/booking-window'
import { bookedMinutes } from '../domain/treatment'
import { isFree, type TimeRange } from '../store/appointment-queries'
import type { PreferredTimeRow, RequestRow } from '../store/schema'
import { OverlapChoice, RevisionField } from './AppointmentForms'

/**
 * Pick a start that fits one of the patient's times (still ahead, leaving the
 * treatment's length before closing, clear of the times other appointments
 * `held`), or another date and any time; the patient gets an invitation. `now`
 * decides which starts are still ahead.
 */
export const ConfirmBookingForm = ({
  request,
  times,
  csrfToken,
  now = new Date(),
  held = [],
}: {
  request: RequestRow
  times: readonly PreferredTimeRow[]
  csrfToken: string
  now?: Date
  held?: readonly TimeRange[]
}) => {
  const minutes = bookedMinutes(request, currentSettings())
  const offers = times.map((time) => ({
    time,
    label: formatPreferredTime(time.date, periodHours[time.period].label.toLowerCase()),
    window: openWindow(time.date, time.period, minutes, currentSettings()),
    starts: listConfirmableStarts(time.date, time.period, minutes, now, currentSettings()).filter((start) =>
      isFree(zonedInstant(time.date, start, currentSettings().timeZone), minutes, held),
    ),
  }))
  const gone = offers.filter((offer) => offer.starts.length === 0)
  return (
    <section aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Confirm an appointment</h2>
      <form method="post" action={`/admin/requests/${request.id}/confirm`}>
        <CsrfField token={csrfToken} />
        <RevisionField request={request} />
        <div class="field">
          <label for="f-slot">Appointment start ({currentSettings().timeZone})</label>
          <select id="f-slot" name="slot" aria-describedby={gone.length > 0 ? 'f-slot-hint' : undefined}>
            {offers
              .filter((offer) => offer.starts.length > 0)
              .map(({ time, label, window, starts }) => (
                <optgroup label={window ? `${label} (open ${window.opens} to ${window.closes})` : label}>
                  {starts.map((start) => (
                    <option value={`${time.date}T${start}`}>{`${label}, ${start}`}</option>
                  ))}
                </optgroup>
              ))}
            <option value="other">Another date and time, entered below</option>
          </select>
          {gone.length > 0 ? (
            <p id="f-slot-hint" class="hint">
              No free start still ahead fits the treatment in {gone.map((offer) => offer.label).join('; ')}.
            </p>
          ) : null}
        </div>
        <fieldset class="field">
          <legend>Another date and time</legend>
          <label for="f-otherDate">Date</label>
          <input id="f-otherDate" name="otherDate" type="date" />
          <label for="f-otherStart">Start time ({currentSettings().timeZone})</label>
          <input id="f-otherStart" name="otherStart" type="time" step={300} />
        </fieldset>
        <OverlapChoice id="f-confirm-overlap" />
        <button type="submit" class="button">
          Confirm and email the patient
        </button>
      </form>
    </section>
  )
}
