import { clinicZoneName } from '../../../platform/dates'
import { CsrfField } from '../../../ui/AdminLayout'
import type { OfferedStarts } from '../store/practitioner-times'
import type { RequestRow } from '../store/schema'
import { FreeStartOptions, OfferedDaysPager, offeredSpan } from './FreeStartChoice'

type FormProps = { request: RequestRow; csrfToken: string }

/** The appointment revision the page shows, sent back with every form that changes the appointment (see readRevision). */
export const RevisionField = ({ request }: { request: Pick<RequestRow, 'appointmentRevision'> }) => (
  <input type="hidden" name="revision" value={String(request.appointmentRevision)} />
)

/** The practitioner's explicit choice to book a time entered by hand that another confirmed appointment holds; without it, such a time is refused. */
export const OverlapChoice = ({ id }: { id: string }) => (
  <div class="field choice">
    <input id={id} name="overlap" type="checkbox" value="allow" />
    <label for={id}>Book even though it overlaps another confirmed appointment</label>
  </div>
)

/** A date and a start typed by hand, in the clinic's zone: the time Confirm and Move take when it is none of the free starts offered. */
export const TypedDateTime = ({ ids, names }: { ids: { date: string; start: string }; names: { date: string; start: string } }) => (
  <fieldset class="field">
    <legend>Another date and time</legend>
    <label for={ids.date}>Date</label>
    <input id={ids.date} name={names.date} type="date" />
    <label for={ids.start}>Start time ({clinicZoneName()})</label>
    <input id={ids.start} name={names.start} type="time" step={300} />
  </fieldset>
)

/**
 * A new time for a confirmed appointment that has not started: one of the
 * free starts (`offered`, seven days at a time), or another date and time
 * entered by hand, which another confirmed appointment may hold only when the
 * overlap is chosen. The patient is emailed an updated invitation.
 */
export const MoveForm = ({ request, csrfToken, offered, timeZone }: FormProps & { offered: OfferedStarts; timeZone: string }) => (
  <section aria-labelledby="move-heading">
    <h2 id="move-heading">Move the appointment</h2>
    <OfferedDaysPager requestId={request.id} offered={offered} anchor="move-heading" label="Days to move to" />
    <form method="post" action={`/admin/requests/${request.id}/move`}>
      <CsrfField token={csrfToken} />
      <RevisionField request={request} />
      <div class="field">
        <label for="f-move-slot">New start ({clinicZoneName()})</label>
        <p id="f-move-slot-hint" class="hint">
          Free starts {offeredSpan(offered)}.
        </p>
        <select id="f-move-slot" name="slot" aria-describedby="f-move-slot-hint">
          <FreeStartOptions offered={offered} timeZone={timeZone} />
          <option value="other">Another date and time, entered below</option>
        </select>
      </div>
      <TypedDateTime ids={{ date: 'f-move-date', start: 'f-move-start' }} names={{ date: 'date', start: 'start' }} />
      <OverlapChoice id="f-move-overlap" />
      <button type="submit" class="button">
        Move and email the patient
      </button>
    </form>
  </section>
)

/** Turns the request down; the reason is emailed to the patient. */
export const DeclineForm = ({ request, csrfToken }: FormProps) => (
  <section aria-labelledby="decline-heading">
    <h2 id="decline-heading">Decline the request</h2>
    <form method="post" action={`/admin/requests/${request.id}/decline`}>
      <CsrfField token={csrfToken} />
      <RevisionField request={request} />
      <div class="field">
        <label for="f-decline-reason">Reason, emailed to the patient</label>
        <p id="f-decline-reason-hint" class="hint">
          At most 300 characters.
        </p>
        <textarea id="f-decline-reason" name="reason" rows={3} maxlength={300} required aria-describedby="f-decline-reason-hint"></textarea>
      </div>
      <button type="submit" class="button danger">
        Decline and email the patient
      </button>
    </form>
  </section>
)

/** Cancels the appointment on the clinic's side, with an optional reason for the patient. */
export const CancelForm = ({ request, csrfToken }: FormProps) => (
  <section aria-labelledby="cancel-heading">
    <h2 id="cancel-heading">Cancel the appointment</h2>
    <form method="post" action={`/admin/requests/${request.id}/cancel`}>
      <CsrfField token={csrfToken} />
      <RevisionField request={request} />
      <div class="field">
        <label for="f-cancel-reason">
          Reason, emailed to the patient <span class="optional">(optional)</span>
        </label>
        <p id="f-cancel-reason-hint" class="hint">
          At most 300 characters.
        </p>
        <textarea id="f-cancel-reason" name="reason" rows={3} maxlength={300} aria-describedby="f-cancel-reason-hint"></textarea>
      </div>
      <button type="submit" class="button danger">
        Cancel and email the patient
      </button>
    </form>
  </section>
)
