import { CsrfField } from '../../../ui/AdminLayout'
import type { RequestRow } from '../store/schema'
import { RevisionField } from './AppointmentForms'

/** One to three exact times on the clinic's clock (`timeZone`) for the patient to choose from, each as long as the booked treatment (`minutes`). */
export const ProposeForm = ({ request, csrfToken, minutes, timeZone }: { request: RequestRow; csrfToken: string; minutes: number; timeZone: string }) => (
  <section aria-labelledby="propose-heading">
    <h2 id="propose-heading">Propose times</h2>
    <p class="hint">
      One to three exact times, each {minutes} minutes long and not overlapping a confirmed appointment. The patient is emailed them to choose from; new times
      replace any proposed before.
    </p>
    <form method="post" action={`/admin/requests/${request.id}/propose`}>
      <CsrfField token={csrfToken} />
      <RevisionField request={request} />
      {[1, 2, 3].map((n) => (
        <fieldset class="field">
          <legend>
            Time {n}
            {n > 1 ? <span class="optional"> (optional)</span> : null}
          </legend>
          <label for={`f-propose-date${n}`}>Date</label>
          <input id={`f-propose-date${n}`} name={`date${n}`} type="date" required={n === 1} />
          <label for={`f-propose-start${n}`}>Start time ({timeZone})</label>
          <input id={`f-propose-start${n}`} name={`start${n}`} type="time" step={300} required={n === 1} />
        </fieldset>
      ))}
      <button type="submit" class="button">
        Propose and email the patient
      </button>
    </form>
  </section>
)
