import type { FieldErrors } from '../../domain/form-fields'
import { PreferredTimeFields } from '../PreferredTimeFields'

export interface OtherTimesFormProps {
  action: string
  pageToken: string
  /** The appointment revision this page shows: an ask after a change the patient never saw is refused. */
  revision: number
  values: Record<string, string>
  errors: FieldErrors
  bookable: { first: string; last: string }
  /** A confirmed appointment keeps its time until the clinic moves it. */
  keepsConfirmedTime: boolean
}

/** One to three new preferred times, with the booking form's fields and rules. */
export const OtherTimesForm = ({ action, pageToken, revision, values, errors, bookable, keepsConfirmedTime }: OtherTimesFormProps) => {
  return (
    <section aria-labelledby="ask-title">
      <h2 id="ask-title">Ask for another time</h2>
      <p>
        Tell us up to three times that suit you better.{' '}
        {keepsConfirmedTime ? 'Your current appointment stays booked until we confirm a new time.' : 'We will contact you with new times.'}
      </p>
      <form method="post" action={`${action}/ask`} novalidate>
        <input type="hidden" name="pageToken" value={pageToken} />
        <input type="hidden" name="revision" value={String(revision)} />
        <PreferredTimeFields values={values} errors={errors} bookable={bookable} />
        <button type="submit" class="button">
          Ask for these times
        </button>
      </form>
    </section>
  )
}
