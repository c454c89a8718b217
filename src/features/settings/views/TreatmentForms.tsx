import { fieldId, RadioGroup, TextArea } from '../../../ui/form/fields'
import { radioChoices, rowsOf } from './form-values'
import { Checkbox, Field, SectionForm, type SectionFormState } from './SectionForm'

type FormProps = { form: SectionFormState; csrfToken: string; currency: string }

/** Every treatment, hidden ones too, and a blank row to add one; a cleared row is kept hidden, never deleted. */
export const TreatmentsForm = ({ form, csrfToken, currency }: FormProps) => (
  <SectionForm section="treatments" form={form} csrfToken={csrfToken}>
    <p>Clear a treatment’s row to remove it: it is kept, hidden, because older requests name it.</p>
    {rowsOf(form.values, 'items').map((row) => {
      const name = (field: string) => `items.${row}.${field}`
      return (
        <fieldset>
          <legend>{form.values[name('id')] ? form.values[name('name')] || `Treatment ${row + 1}` : 'Add a treatment'}</legend>
          <input type="hidden" name={name('id')} value={form.values[name('id')] ?? ''} />
          <Field form={form} name={name('name')} label="Name" optional={!form.values[name('id')]} />
          <TextArea
            name={name('description')}
            label="Description"
            value={form.values[name('description')]}
            errors={form.errors[name('description')]}
            required={Boolean(form.values[name('id')])}
            maxlength={500}
          />
          <Field form={form} name={name('minutes')} label="Length in minutes" optional={!form.values[name('id')]} />
          <Field form={form} name={name('price')} label={`Price in ${currency}`} hint="For example 95.00" optional={!form.values[name('id')]} />
          <div class="choice">
            <input id={fieldId(name('visible'))} type="checkbox" name={name('visible')} value="yes" checked={form.values[name('visible')] === 'yes'} />
            <label for={fieldId(name('visible'))}>Shown to patients</label>
          </div>
          <RadioGroup
            name={name('bookingMode')}
            legend="How patients book it"
            hint="Directly: the time is confirmed at once, and you are told. Request: the patient picks up to three free times and you confirm one."
            value={form.values[name('bookingMode')]}
            errors={form.errors[name('bookingMode')]}
            options={radioChoices.bookingMode}
          />
        </fieldset>
      )
    })}
  </SectionForm>
)

/**
 * Booking window, notice, reminders, quiet hours, how long an unanswered
 * request stays open, and how free times are offered and taken.
 */
export const PoliciesForm = ({ form, csrfToken }: Omit<FormProps, 'currency'>) => (
  <SectionForm section="policies" form={form} csrfToken={csrfToken}>
    <Field form={form} name="horizonDays" label="Days ahead a patient can book" />
    <Field form={form} name="minimumNoticeHours" label="Minimum notice for a booking, in hours" />
    <Field form={form} name="cancelNoticeHours" label="Notice to cancel without a late cancellation, in hours" />
    <Field form={form} name="reminderHours" label="Reminders, hours before the appointment" hint="Separated by commas, such as 48,2; empty for none" optional />
    <Field form={form} name="quietHours" label="Quiet hours (no messages)" hint="Such as 21:00-08:00; empty for none" optional />
    <Field form={form} name="requestExpiryHours" label="Hours before an unanswered request expires" hint="0 means never" />
    <fieldset>
      <legend>Free times patients see</legend>
      <Field form={form} name="bufferMinutes" label="Minutes kept free after each appointment" hint="Time to clean and write notes; 0 for none" />
      <RadioGroup
        name="startStepMinutes"
        legend="Start times offered"
        hint="From each opening time: every 30 minutes offers 9:00, 9:30, 10:00…"
        value={form.values.startStepMinutes}
        errors={form.errors.startStepMinutes}
        options={radioChoices.startStepMinutes}
      />
      <Field form={form} name="maxPerDay" label="At most this many appointments a day" hint="Leave empty for no limit" optional />
    </fieldset>
    <fieldset>
      <legend>Booking directly</legend>
      <Field
        form={form}
        name="directBookingsPerAddress"
        label="Upcoming direct bookings one patient may hold"
        hint="Per email address and per device; past it, a booking comes to you as a request"
      />
      {/* Sent when the box is unticked too, so the save knows the form showed it. */}
      <input type="hidden" name="firstVisitsByRequest" value="no" />
      <Checkbox form={form} name="firstVisitsByRequest" label="Send first visits through request: a patient who says they are new asks, and you confirm" />
    </fieldset>
    <Field form={form} name="waitlistWeeks" label="Weeks a waitlist entry lasts" hint="After that, the patient is taken off the list" />
  </SectionForm>
)
