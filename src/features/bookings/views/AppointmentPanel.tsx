import { formatInstant } from '../../../platform/dates'
import { type AppointmentAction, refuseTransition, stateLabels } from '../domain/states'
import type { OfferedStarts } from '../store/practitioner-times'
import type { AppointmentProposalRow, RequestRow } from '../store/schema'
import { CancelForm, DeclineForm, MoveForm } from './AppointmentForms'
import { OutcomeForm } from './OutcomeForm'
import { ProposeForm } from './ProposeForm'

/** What the request page says after each appointment action (`?done=`). */
export const appointmentFlashes = {
  proposed: 'Times proposed. The patient is being emailed them to choose from.',
  declined: 'Request declined. The patient is being emailed the reason.',
  moved: 'Appointment moved. The patient is being emailed the new time.',
  cancelled: 'Appointment cancelled. The patient is being emailed.',
  attended: 'Recorded: the patient attended.',
  'no-show': 'Recorded: the patient did not attend.',
  'late-cancelled': 'Recorded: cancelled too late.',
} as const

export type AppointmentFlash = keyof typeof appointmentFlashes

/** Whether the practitioner may take `action` now, by the same table the routes and the database enforce. */
export const allows = (request: RequestRow, action: AppointmentAction, now: Date) =>
  refuseTransition(action, { state: request.appointmentState, actor: 'practitioner', now, start: request.confirmedStart }) === null

/** Where a booking's appointment stands: its state in words, the times proposed, who cancelled and why. */
export const AppointmentPanel = ({ request, proposals }: { request: RequestRow; proposals: readonly AppointmentProposalRow[] }) => {
  const state = request.appointmentState
  if (!state) return null
  return (
    <section aria-labelledby="appointment-heading">
      <h2 id="appointment-heading">Appointment</h2>
      <dl class="details">
        <dt>State</dt>
        <dd>{stateLabels[state]}</dd>
        {request.cancelledBy ? (
          <>
            <dt>Cancelled by</dt>
            <dd>{request.cancelledBy === 'clinic' ? 'the clinic' : 'the patient'}</dd>
          </>
        ) : null}
        {request.appointmentReason ? (
          <>
            <dt>Reason given</dt>
            <dd>{request.appointmentReason}</dd>
          </>
        ) : null}
      </dl>
      {state === 'proposed' && proposals.length > 0 ? (
        <>
          <h3>Proposed times</h3>
          <ol>
            {proposals.map((proposal) => (
              <li>{formatInstant(proposal.start)}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  )
}

/**
 * The forms for what the practitioner may do with the appointment now, and only those;
 * Propose and Move offer the free starts `offered` (each as long as the booked treatment,
 * `minutes`), read on the clinic's clock (`timeZone`).
 */
export const AppointmentActions = ({
  request,
  csrfToken,
  now,
  minutes,
  offered,
  timeZone,
}: {
  request: RequestRow
  csrfToken: string
  now: Date
  minutes: number
  offered: OfferedStarts | undefined
  timeZone: string
}) => (
  <>
    {offered && allows(request, 'propose', now) ? (
      <ProposeForm request={request} csrfToken={csrfToken} minutes={minutes} offered={offered} timeZone={timeZone} />
    ) : null}
    {offered && allows(request, 'move', now) ? <MoveForm request={request} csrfToken={csrfToken} offered={offered} timeZone={timeZone} /> : null}
    {allows(request, 'attended', now) ? <OutcomeForm request={request} csrfToken={csrfToken} /> : null}
    {allows(request, 'decline', now) ? <DeclineForm request={request} csrfToken={csrfToken} /> : null}
    {allows(request, 'cancel', now) ? <CancelForm request={request} csrfToken={csrfToken} /> : null}
  </>
)
