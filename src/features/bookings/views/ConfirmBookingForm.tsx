import { clinicZoneName, formatClock, formatInstant } from '../../../platform/dates'
import { CsrfField } from '../../../ui/AdminLayout'
import type { ConfirmOffer } from '../domain/confirm-offers'
import type { RequestRow } from '../store/schema'
import { OverlapChoice, RevisionField, TypedDateTime } from './AppointmentForms'

type Exact = Extract<ConfirmOffer, { kind: 'exact' }>
type Period = Extract<ConfirmOffer, { kind: 'period' }>

/** Each exact start the patient picked: one button confirms it while it is free; a taken one says so. */
const ExactStarts = ({ request, offers, csrfToken }: { request: RequestRow; offers: readonly Exact[]; csrfToken: string }) => (
  <ul class="slot-buttons">
    {offers.map((offer) =>
      offer.free ? (
        <li>
          <form method="post" action={`/admin/requests/${request.id}/confirm`}>
            <CsrfField token={csrfToken} />
            <RevisionField request={request} />
            <input type="hidden" name="slot" value={offer.slot} />
            <button type="submit" class="button">
              Confirm {formatInstant(offer.start)}
            </button>
          </form>
        </li>
      ) : (
        <li>
          {formatInstant(offer.start)}: <strong>no longer free</strong>
        </li>
      ),
    )}
  </ul>
)

/**
 * Confirm one of the patient's times: an exact start they picked with one
 * click, or a free start in one of their periods (`offers`: see
 * listConfirmOffers), or another date and any time on the clinic's clock; the
 * patient gets an invitation.
 */
export const ConfirmBookingForm = ({ request, offers, csrfToken }: { request: RequestRow; offers: readonly ConfirmOffer[]; csrfToken: string }) => {
  const exact = offers.filter((offer): offer is Exact => offer.kind === 'exact')
  const periods = offers.filter((offer): offer is Period => offer.kind === 'period')
  const gone = periods.filter((offer) => offer.starts.length === 0)
  return (
    <section aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Confirm an appointment</h2>
      {exact.length > 0 ? (
        <>
          <p>The times the patient picked ({clinicZoneName()}); confirming one emails the patient.</p>
          <ExactStarts request={request} offers={exact} csrfToken={csrfToken} />
          <h3>Or another time</h3>
        </>
      ) : null}
      <form method="post" action={`/admin/requests/${request.id}/confirm`}>
        <CsrfField token={csrfToken} />
        <RevisionField request={request} />
        <div class="field">
          <label for="f-slot">Appointment start ({clinicZoneName()})</label>
          <select id="f-slot" name="slot" aria-describedby={gone.length > 0 ? 'f-slot-hint' : undefined}>
            {periods
              .filter((offer) => offer.starts.length > 0)
              .map(({ label, starts }) => (
                <optgroup label={label}>
                  {starts.map(({ start, slot }) => (
                    <option value={slot}>{`${label}, ${formatClock(start)}`}</option>
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
        <TypedDateTime ids={{ date: 'f-otherDate', start: 'f-otherStart' }} names={{ date: 'otherDate', start: 'otherStart' }} />
        <OverlapChoice id="f-confirm-overlap" />
        <button type="submit" class="button">
          Confirm and email the patient
        </button>
      </form>
    </section>
  )
}
