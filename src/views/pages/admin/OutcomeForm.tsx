import { stateLabels } from '../../../appointments/states'
import type { RequestRow } from '../../../db/schema'
import { CsrfField } from './AdminLayout'

/** Once the start has passed: how the appointment went. Nothing is emailed. */
export const OutcomeForm = ({ request, csrfToken }: { request: RequestRow; csrfToken: string }) => (
  <section aria-labelledby="outcome-heading">
    <h2 id="outcome-heading">How did it go?</h2>
    <form method="post" action={`/admin/requests/${request.id}/outcome`} class="inline-form">
      <CsrfField token={csrfToken} />
      {(['attended', 'no-show', 'late-cancelled'] as const).map((outcome) => (
        <button type="submit" name="outcome" value={outcome} class="button">{stateLabels[outcome]}</button>
      ))}
    </form>
  </section>
)
