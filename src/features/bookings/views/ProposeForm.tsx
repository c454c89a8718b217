import { clinicZoneName } from '../../../platform/dates'
import { CsrfField } from '../../../ui/AdminLayout'
import type { OfferedStarts } from '../store/practitioner-times'
import type { RequestRow } from '../store/schema'
import { RevisionField } from './AppointmentForms'
import { FreeStartOptions, OfferedDaysPager, offeredSpan } from './FreeStartChoice'

/** One to three free starts (`offered`, seven days at a time) for the patient to choose from, each as long as the booked treatment (`minutes`). */
export const ProposeForm = ({
  request,
  csrfToken,
  minutes,
  offered,
  timeZone,
}: {
  request: RequestRow
  csrfToken: string
  minutes: number
  offered: OfferedStarts
  timeZone: string
}) => (
  <section aria-labelledby="propose-heading">
    <h2 id="propose-heading">Propose times</h2>
    <p class="hint">
      One to three free starts {offeredSpan(offered)} ({clinicZoneName()}), each {minutes} minutes long. The patient is emailed them to choose from; new times
      replace any proposed before.
    </p>
    <OfferedDaysPager requestId={request.id} offered={offered} anchor="propose-heading" label="Days to propose from" />
    {offered.starts.length === 0 ? (
      <p>No free start in these seven days. Look at later days.</p>
    ) : (
      <form method="post" action={`/admin/requests/${request.id}/propose`}>
        <CsrfField token={csrfToken} />
        <RevisionField request={request} />
        {[1, 2, 3].map((n) => (
          <div class="field">
            <label for={`f-propose-slot${n}`}>
              Time {n}
              {n > 1 ? <span class="optional"> (optional)</span> : null}
            </label>
            <select id={`f-propose-slot${n}`} name={`slot${n}`} required={n === 1}>
              <option value="">{n === 1 ? 'Choose a free start' : 'No further time'}</option>
              <FreeStartOptions offered={offered} timeZone={timeZone} />
            </select>
          </div>
        ))}
        <button type="submit" class="button">
          Propose and email the patient
        </button>
      </form>
    )}
  </section>
)
