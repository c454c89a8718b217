import type { Service } from '../../../../config'
import { fullDayName } from '../../../../config'
import { Checkbox, fieldId, RadioGroup, radioId, Select, TextInput } from '../../../../ui/form/fields'
import { periodHours } from '../../domain/booking-window'
import { type DayPeriod, dayPeriods } from '../../domain/vocabulary'
import { weekdayChoices } from '../../domain/waitlist-schema'
import { ContactFields, contactTargets } from '../forms/ContactFields'
import { FormShell } from '../forms/FormShell'
import type { FormPageProps } from '../forms/types'

const targets: Record<string, string> = {
  service: fieldId('service'),
  fromDate: fieldId('fromDate'),
  toDate: fieldId('toDate'),
  days: `${fieldId('days')}-Mo`,
  parts: `${fieldId('parts')}-morning`,
  ...contactTargets,
  patientStatus: radioId('patientStatus', 'new'),
  consent: fieldId('consent'),
}

/** "Morning (until 12:00)", "Afternoon (12:00 to 17:00)", "Evening (from 17:00)": each part as the form defines it. */
const partLabel = (part: DayPeriod) => {
  const { from, to, label } = periodHours[part]
  if (from === '00:00') return `${label} (before ${to})`
  if (to === '24:00') return `${label} (from ${from})`
  return `${label} (${from} to ${to})`
}

/** Ticked boxes of a repeated field, with its error, as a fieldset of checkboxes. */
const Choices = ({
  name,
  legend,
  options,
  chosen,
  errors,
}: {
  name: string
  legend: string
  options: { value: string; label: string }[]
  chosen: readonly string[]
  errors?: readonly string[]
}) => (
  <fieldset class={errors?.length ? 'field field-invalid' : 'field'} aria-describedby={errors?.length ? `${fieldId(name)}-error` : undefined}>
    <legend>{legend}</legend>
    {errors?.length ? (
      <p id={`${fieldId(name)}-error`} class="field-error">
        <span class="visually-hidden">Error: </span>
        {errors.join('. ')}
      </p>
    ) : null}
    {options.map((option) => (
      <div class="choice">
        <input id={`${fieldId(name)}-${option.value}`} type="checkbox" name={name} value={option.value} checked={chosen.includes(option.value)} />
        <label for={`${fieldId(name)}-${option.value}`}>{option.label}</label>
      </div>
    ))}
  </fieldset>
)

export interface WaitlistJoinProps extends FormPageProps {
  /** The ticked days and parts, kept on a re-render. */
  lists: { days: readonly string[]; parts: readonly string[] }
  treatments: readonly Service[]
  dates: { first: string; last: string }
  waitlistWeeks: number
  timeZoneName: string
}

/** The waitlist form: treatment, dates, days and parts of the day, and how to reach the patient. */
export const WaitlistJoinPage = ({ lists, treatments, dates, waitlistWeeks, timeZoneName, ...form }: WaitlistJoinProps) => {
  const field = (name: string) => ({ name, value: form.values[name], errors: form.errors[name] })
  return (
    <FormShell
      meta={{ title: 'Join the waitlist', description: 'Wait for a time that suits you: we email you when one comes free.', path: '/waitlist/join' }}
      intro={
        <p>
          Tell us when you could come. When such a time comes free, we email you a link to take it; the first to take it gets it. You stay on the list for up to{' '}
          {waitlistWeeks} weeks, or until your last date. Times are in {timeZoneName}.
        </p>
      }
      action="/waitlist/join"
      submitLabel="Join the waitlist"
      targets={targets}
      form={form}
    >
      <Select
        {...field('service')}
        label="Treatment"
        required
        options={treatments.map((treatment) => ({ value: treatment.id, label: `${treatment.name} (${treatment.durationMinutes} minutes)` }))}
      />
      <TextInput {...field('fromDate')} label="First date you could come" type="date" required min={dates.first} max={dates.last} />
      <TextInput {...field('toDate')} label="Last date you could come" type="date" required min={dates.first} max={dates.last} />
      <Choices
        name="days"
        legend="Days of the week you could come"
        options={weekdayChoices.map((day) => ({ value: day, label: fullDayName(day) }))}
        chosen={lists.days}
        errors={form.errors.days}
      />
      <Choices
        name="parts"
        legend="Parts of the day you could come"
        options={dayPeriods.map((part) => ({ value: part, label: partLabel(part) }))}
        chosen={lists.parts}
        errors={form.errors.parts}
      />
      <ContactFields values={form.values} errors={form.errors} phoneHint="Only if you would like us to call you about a time." />
      <RadioGroup
        {...field('patientStatus')}
        legend="Have you been to the clinic before?"
        options={[
          { value: 'new', label: 'No, this would be my first visit' },
          { value: 'returning', label: 'Yes, I am a returning patient' },
        ]}
      />
      <Checkbox
        {...field('consent')}
        label={
          <>
            I agree that the clinic stores these details to offer me a time, as the <a href="/privacy">privacy notice</a> explains.
          </>
        }
      />
    </FormShell>
  )
}
