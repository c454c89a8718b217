import { CsrfField } from '../../../ui/AdminLayout'
import { stateLabels } from '../domain/states'
import { outcomeStates } from '../domain/vocabulary'
import type { RequestRow } from '../store/schema'
import { RevisionField } from './AppointmentForms'

/** Once the start has passed: how the appointment went. Nothing is emailed. */
export const OutcomeForm = ({ request, csrfToken }: { request: RequestRow; csrfToken: string }) => (
  <section aria-labelledby="outcome-heading">
    <h2 id="outcome-heading">How did it go?</h2>
    <form method="post" action={`/admin/requests/${request.id}/outcome`} class="inline-form">
      <CsrfField token={csrfToken} />
      <RevisionField request={request} />
      {outcomeStates.map((outcome) => (
        <button type="submit" name="outcome" value={outcome} class="button">
          {stateLabels[outcome]}
        </button>
      ))}
    </form>
  </section>
)
