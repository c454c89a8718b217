import { CsrfField } from '../../../ui/AdminLayout'
import type { ConfirmOffer } from '../domain/confirm-offers'
import type { RequestRow } from '../store/schema'
import { OverlapChoice, RevisionField } from './AppointmentForms'

/**
 * Pick a start that fits one of the patient's times (`offers`: see
 * listConfirmOffers), or another date and any time on the clinic's clock
 * (`timeZone`); the patient gets an invitation.
 */
export const ConfirmBookingForm = ({
  request,
  offers,
  timeZone,
  csrfToken,
}: {
  request: RequestRow
  offers: readonly ConfirmOffer[]
  timeZone: string
  csrfToken: string
}) => {
  const gone = offers.filter((offer) => offer.starts.length === 0)
  return (
    <section aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Confirm an appointment</h2>
      <form method="post" action={`/admin/requests/${request.id}/confirm`}>
        <CsrfField token={csrfToken} />
        <RevisionField request={request} />
        <div class="field">
          <label for="f-slot">Appointment start ({timeZone})</label>
          <select id="f-slot" name="slot" aria-describedby={gone.length > 0 ? 'f-slot-hint' : undefined}>
            {offers
              .filter((offer) => offer.starts.length > 0)
              .map(({ date, label, window, starts }) => (
                <optgroup label={window ? `${label} (open ${window.opens} to ${window.closes})` : label}>
                  {starts.map((start) => (
                    <option value={`${date}T${start}`}>{`${label}, ${start}`}</option>
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
          <label for="f-otherStart">Start time ({timeZone})</label>
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
