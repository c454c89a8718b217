import { formatPrice } from '../../../../config'
import { formatClock, formatDay } from '../../../../platform/dates'
import { zonedDate } from '../../../../platform/time-zone'
import { Checkbox, fieldId, RadioGroup, radioId, TextArea } from '../../../../ui/form/fields'
import type { Settings } from '../../../settings'
import { painTypes } from '../../domain/booking-schema'
import { sourceArticleField } from '../../domain/source-article'
import { ContactFields, contactTargets } from '../forms/ContactFields'
import { FormShell } from '../forms/FormShell'
import type { FormPageProps } from '../forms/types'
import { HeardFromField } from '../HeardFromField'
import { bookLink } from './links'

const targets: Record<string, string> = {
  ...contactTargets,
  pain: radioId('pain', 'muscular'),
  patientStatus: radioId('patientStatus', 'new'),
  notes: fieldId('notes'),
  heardFrom: fieldId('heardFrom'),
  consent: fieldId('consent'),
}

/** "Wednesday, December 2, 2045, 9:30 AM", in the clinic's zone. */
const describeStart = (start: number, timeZone: string) => `${formatDay(zonedDate(new Date(start), timeZone))}, ${formatClock(new Date(start))}`

/** The second step: the chosen time(s), a way back to the week, and the patient's details. */
export const DetailsPage = ({
  settings,
  treatment,
  starts,
  week,
  several,
  zoneName,
  ...form
}: FormPageProps & {
  settings: Settings
  treatment: Settings['allServices'][number]
  starts: readonly number[]
  week: string
  several: boolean
  zoneName: string
}) => {
  const field = (name: string) => ({ name, value: form.values[name], errors: form.errors[name] })
  return (
    <FormShell
      meta={{ title: 'Your details', description: `Your details to book ${treatment.name}.`, path: '/book/details', noindex: true }}
      intro={
        <>
          <h2>{several ? (starts.length > 1 ? 'The times you picked' : 'The time you picked') : 'Your time'}</h2>
          <dl class="details">
            <dt>Treatment</dt>
            <dd>
              {treatment.name}, {treatment.durationMinutes} minutes, {formatPrice(treatment.priceCents, settings)}
            </dd>
            <dt>{starts.length > 1 ? 'Times' : 'Time'}</dt>
            {starts.map((start) => (
              <dd>
                {describeStart(start, settings.timeZone)} ({zoneName})
              </dd>
            ))}
          </dl>
          <p>
            <a href={bookLink({ treatment: treatment.id, week }, form.values[sourceArticleField])}>Choose another time</a>
          </p>
          {several ? <p>This is a request: we confirm one of these times by email.</p> : null}
        </>
      }
      action="/book"
      submitLabel={several ? 'Send booking request' : 'Book this time'}
      targets={targets}
      form={form}
    >
      <input type="hidden" name="treatment" value={treatment.id} />
      <input type="hidden" name="week" value={week} />
      {starts.map((start) => (
        <input type="hidden" name="start" value={String(start)} />
      ))}
      <ContactFields values={form.values} errors={form.errors} />
      <RadioGroup {...field('pain')} legend="What is the pain like?" options={Object.entries(painTypes).map(([value, label]) => ({ value, label }))} />
      <RadioGroup
        {...field('patientStatus')}
        legend="Have you been to the clinic before?"
        options={[
          { value: 'new', label: 'No, I am a new patient' },
          { value: 'returning', label: 'Yes, I am a returning patient' },
        ]}
      />
      <TextArea {...field('notes')} label="Anything else we should know" maxlength={2000} />
      <HeardFromField {...field('heardFrom')} />
      <Checkbox
        {...field('consent')}
        label={
          <>
            I agree that the clinic stores these details to arrange my appointment, as the <a href="/privacy">privacy notice</a> explains.
          </>
        }
      />
    </FormShell>
  )
}
