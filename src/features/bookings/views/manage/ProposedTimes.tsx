import { AppointmentTime, type ClinicClock } from './AppointmentTime'

export interface ProposedTime {
  position: number
  start: Date
  taken: boolean
  /** Its start is no longer ahead. */
  past: boolean
}

/** The times the clinic proposed, each with its own button; one that has passed, or was taken meanwhile by another appointment, has none. */
export const ProposedTimes = ({
  action,
  pageToken,
  proposals,
  clock,
}: {
  action: string
  pageToken: string
  proposals: readonly ProposedTime[]
  clock: ClinicClock
}) => (
  <section aria-labelledby="proposed-title">
    <h2 id="proposed-title">Choose one of the times we proposed</h2>
    <ul>
      {proposals.map((proposal) => (
        <li>
          <AppointmentTime start={proposal.start} clock={clock} />
          {proposal.past ? (
            <p>This time has passed.</p>
          ) : proposal.taken ? (
            <p>This time is no longer available.</p>
          ) : (
            <form method="post" action={`${action}/choose`}>
              <input type="hidden" name="pageToken" value={pageToken} />
              <input type="hidden" name="position" value={String(proposal.position)} />
              <button type="submit" class="button">
                Choose this time
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  </section>
)
