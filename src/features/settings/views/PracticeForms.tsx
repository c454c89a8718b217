import { fullDayName } from '../../../config'
import { TextArea } from '../../../ui/form/fields'
import { weekdays } from '../sections'
import { rowsOf } from './form-values'
import { Checkbox, Field, SectionForm, type SectionFormState } from './SectionForm'

type FormProps = { form: SectionFormState; csrfToken: string }

/** The practice's name, practitioner, address and contact details. */
export const PracticeForm = ({ form, csrfToken }: FormProps) => (
  <SectionForm section="practice" form={form} csrfToken={csrfToken}>
    <Field form={form} name="clinicName" label="Clinic name" />
    <Field form={form} name="practitioner.name" label="Practitioner’s name" />
    <Field form={form} name="practitioner.credentials" label="Credentials" optional />
    <TextArea
      name="practitioner.bio"
      label="About the practitioner"
      value={form.values['practitioner.bio']}
      errors={form.errors['practitioner.bio']}
      required
      maxlength={1000}
    />
    <Field form={form} name="address.street" label="Street" />
    <Field form={form} name="address.locality" label="City" />
    <Field form={form} name="address.region" label="State or region" />
    <Field form={form} name="address.postalCode" label="Postal code" />
    <Field
      form={form}
      name="address.country"
      label="Country code"
      hint="Two letters, such as US or GB. Patients’ phone numbers written without + and a country code are read as this country’s."
    />
    <Field form={form} name="phone" label="Phone" type="tel" />
    <Field form={form} name="email" label="Email" type="email" />
    <TextArea
      name="conditionsTreated"
      label="Conditions treated"
      hint="One a line"
      value={form.values.conditionsTreated}
      errors={form.errors.conditionsTreated}
    />
  </SectionForm>
)

/**
 * A fieldset a weekday: its ranges as time inputs, each with a remove box, one
 * empty range to add another (a lunch break is two), and "Closed" for a day
 * with none. Works without JavaScript: the save re-renders every day with a
 * fresh empty range.
 */
export const HoursForm = ({ form, csrfToken }: FormProps) => (
  <SectionForm section="hours" form={form} csrfToken={csrfToken}>
    {form.errors.weekly ? <p class="field-error">{form.errors.weekly.join('. ')}</p> : null}
    <p>Fill in the empty range to add one; tick “Remove” to drop a range. A day marked closed keeps none of the times typed under it.</p>
    {weekdays.map((day) => (
      <fieldset>
        <legend>{fullDayName(day)}</legend>
        <Checkbox form={form} name={`weekly.${day}.closed`} label={`Closed on ${fullDayName(day)}s`} />
        {rowsOf(form.values, `weekly.${day}`).map((row) => {
          const name = (field: string) => `weekly.${day}.${row}.${field}`
          const typed = Boolean(form.values[name('opens')] || form.values[name('closes')])
          return (
            <div class="field-row">
              <Field form={form} name={name('opens')} label={typed ? `Range ${row + 1} opens` : 'New range opens'} type="time" optional />
              <Field form={form} name={name('closes')} label={typed ? `Range ${row + 1} closes` : 'New range closes'} type="time" optional />
              {typed ? <Checkbox form={form} name={name('remove')} label={`Remove range ${row + 1}`} /> : null}
            </div>
          )
        })}
      </fieldset>
    ))}
  </SectionForm>
)

/** Days and date ranges the practice is closed, each with an optional note; blank rows add more. */
export const TimeOffForm = ({ form, csrfToken }: FormProps) => (
  <SectionForm section="time-off" form={form} csrfToken={csrfToken}>
    <p>A single day needs only its first date. Clear a row to remove it.</p>
    {rowsOf(form.values, 'entries').map((row) => (
      <fieldset>
        <legend>Time off {row + 1}</legend>
        <Field form={form} name={`entries.${row}.from`} label="First day" type="date" optional />
        <Field form={form} name={`entries.${row}.to`} label="Last day" type="date" optional />
        <Field form={form} name={`entries.${row}.note`} label="Note shown to patients" optional />
      </fieldset>
    ))}
  </SectionForm>
)
