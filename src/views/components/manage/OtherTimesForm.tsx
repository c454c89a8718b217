import { dayPeriods } from '../../../db/schema'
import { maxPreferredTimes } from '../../../requests/booking-schema'
import { periodHours } from '../../../requests/booking-window'
import type { FieldErrors } from '../../../requests/form-fields'
import { fieldId, Select, TextInput } from '../form/fields'

const positions = Array.from({ length: maxPreferredTimes }, (_, index) => index + 1)

/** Where the error summary sends focus for each field of the form. */
export const otherTimesTargets: Record<string, string> = Object.fromEntries(
  positions.flatMap((n) => [[`date${n}`, fieldId(`date${n}`)], [`period${n}`, fieldId(`period${n}`)]]),
)

export interface OtherTimesFormProps {
  action: string
  pageToken: string
  values: Record<string, string>
  errors: FieldErrors
  bookable: { first: string; last: string }
  /** A confirmed appointment keeps its time until the clinic moves it. */
  keepsConfirmedTime: boolean
}

/** One to three new preferred times, with the booking form's fields and rules. */
export const OtherTimesForm = ({ action, pageToken, values, errors, bookable, keepsConfirmedTime }: OtherTimesFormProps) => {
  const field = (name: string) => ({ name, value: values[name], errors: errors[name] })
  return (
    <section aria-labelledby="ask-title">
      <h2 id="ask-title">Ask for another time</h2>
      <p>
        Tell us up to three times that suit you better.{' '}
        {keepsConfirmedTime ? 'Your current appointment stays booked until we confirm a new time.' : 'We will contact you with new times.'}
      </p>
      <form method="post" action={`${action}/ask`} novalidate>
        <input type="hidden" name="pageToken" value={pageToken} />
        {positions.map((n) => (
          <fieldset class="time-choice">
            <legend>
              {n === 1 ? 'First choice of time' : `${n === 2 ? 'Second' : 'Third'} choice of time`}
              {n === 1 ? null : <span class="optional"> (optional)</span>}
            </legend>
            <TextInput {...field(`date${n}`)} label="Date" type="date" required={n === 1} min={bookable.first} max={bookable.last} hint={n === 1 ? 'For example 2027-03-14' : undefined} />
            <Select {...field(`period${n}`)} label="Time of day" required={n === 1} options={dayPeriods.map((period) => ({ value: period, label: periodHours[period].label }))} />
          </fieldset>
        ))}
        <button type="submit" class="button">Ask for these times</button>
      </form>
    </section>
  )
}
