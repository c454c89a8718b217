import { practice } from '../../../config'
import { formatPreferredTime } from '../../../lib/dates'
import type { PreferredTimeRow, RequestRow } from '../../../db/schema'
import { openWindow, periodHours, treatmentFor } from '../../../requests/booking-window'
import { CsrfField } from './AdminLayout'

/** Pick one of the patient's times (or another date) and a start time; the patient gets an invitation. */
export const ConfirmBookingForm = ({ request, times, csrfToken }: { request: RequestRow; times: readonly PreferredTimeRow[]; csrfToken: string }) => (
  <section aria-labelledby="confirm-heading">
    <h2 id="confirm-heading">Confirm an appointment</h2>
    <form method="post" action={`/admin/requests/${request.id}/confirm`}>
      <CsrfField token={csrfToken} />
      <fieldset class="field">
        <legend>Day</legend>
        {times.map((time, index) => {
          const window = openWindow(time.date, time.period, treatmentFor(request.serviceId, practice).durationMinutes, practice)
          return (
            <div class="choice">
              <input id={`f-day-${index}`} type="radio" name="day" value={time.date} checked={index === 0} />
              <label for={`f-day-${index}`}>
                {formatPreferredTime(time.date, periodHours[time.period].label.toLowerCase())}
                {window ? ` (open ${window.opens} to ${window.closes})` : ''}
              </label>
            </div>
          )
        })}
        <div class="choice">
          <input id="f-day-other" type="radio" name="day" value="other" checked={times.length === 0} />
          <label for="f-day-other">Another date</label>
        </div>
        <label for="f-otherDate">Other date</label>
        <input id="f-otherDate" name="otherDate" type="date" />
      </fieldset>
      <div class="field">
        <label for="f-start">Start time ({practice.timeZone})</label>
        <input id="f-start" name="start" type="time" required step={300} />
      </div>
      <button type="submit" class="button">Confirm and email the patient</button>
    </form>
  </section>
)
