import { fieldId, Select, TextInput } from '../../../ui/form/fields'
import { periodHours } from '../domain/booking-window'
import type { FieldErrors } from '../domain/form-fields'
import { maxPreferredTimes } from '../domain/preferred-times'
import { dayPeriods } from '../domain/vocabulary'

const positions = Array.from({ length: maxPreferredTimes }, (_, index) => index + 1)

/** Where an error summary sends focus for each preferred-time field. */
export const preferredTimeTargets: Record<string, string> = Object.fromEntries(
  positions.flatMap((n) => [
    [`date${n}`, fieldId(`date${n}`)],
    [`period${n}`, fieldId(`period${n}`)],
  ]),
)

/** One to three preferred times (a date and a time of day), as the booking form and the patient's page ask for them. */
export const PreferredTimeFields = ({
  values,
  errors,
  bookable,
}: {
  values: Record<string, string>
  errors: FieldErrors
  bookable: { first: string; last: string }
}) => (
  <>
    {positions.map((n) => (
      <fieldset class="time-choice">
        <legend>
          {n === 1 ? 'First choice of time' : `${n === 2 ? 'Second' : 'Third'} choice of time`}
          {n === 1 ? null : <span class="optional"> (optional)</span>}
        </legend>
        <TextInput
          name={`date${n}`}
          value={values[`date${n}`]}
          errors={errors[`date${n}`]}
          label="Date"
          type="date"
          required={n === 1}
          min={bookable.first}
          max={bookable.last}
          hint={n === 1 ? 'For example 2027-03-14' : undefined}
        />
        <Select
          name={`period${n}`}
          value={values[`period${n}`]}
          errors={errors[`period${n}`]}
          label="Time of day"
          required={n === 1}
          options={dayPeriods.map((period) => ({ value: period, label: periodHours[period].label }))}
        />
      </fieldset>
    ))}
  </>
)
