import { formatPrice } from '../../../../config'
import { Checkbox, fieldId, RadioGroup, radioId, Select, TextArea } from '../../../../ui/form/fields'
import { OpeningHoursList } from '../../../../ui/OpeningHoursList'
import { TimeOffNotice } from '../../../../ui/TimeOffNotice'
import type { Settings } from '../../../settings'
import { painTypes } from '../../domain/booking-schema'
import { HeardFromField } from '../HeardFromField'
import { PreferredTimeFields, preferredTimeTargets } from '../PreferredTimeFields'
import { ContactFields, contactTargets } from './ContactFields'
import { FormShell } from './FormShell'
import type { FormPageProps } from './types'

const targets: Record<string, string> = {
  ...contactTargets,
  service: fieldId('service'),
  pain: radioId('pain', 'muscular'),
  patientStatus: radioId('patientStatus', 'new'),
  notes: fieldId('notes'),
  heardFrom: fieldId('heardFrom'),
  consent: fieldId('consent'),
  ...preferredTimeTargets,
}

/** `today` is the clinic's calendar date, for the time off still to come. */
export const BookPage = ({
  bookable,
  today,
  settings,
  ...form
}: FormPageProps & { bookable: { first: string; last: string }; today: string; settings: Settings }) => {
  const field = (name: string) => ({ name, value: form.values[name], errors: form.errors[name] })
  return (
    <FormShell
      meta={{
        title: 'Request an appointment',
        description: `Request an acupuncture appointment with ${settings.practitioner.name}: choose a treatment and up to three times that suit you, and we confirm one.`,
        path: '/book',
      }}
      intro={
        <>
          <p>
            Tell us up to three times that suit you. This is a request: we will contact you to confirm a time. Times are in the clinic’s local time (
            {settings.timeZone}), at least {settings.booking.minimumNoticeHours} hours ahead and within the next {settings.booking.horizonDays} days.
          </p>
          <OpeningHoursList />
          <TimeOffNotice timeOff={settings.timeOff} today={today} locale={settings.locale} />
        </>
      }
      action="/book"
      submitLabel="Send booking request"
      targets={targets}
      form={form}
    >
      <ContactFields values={form.values} errors={form.errors} />
      <Select
        {...field('service')}
        label="Treatment"
        required
        options={settings.services.map((service) => ({
          value: service.id,
          label: `${service.name} (${service.durationMinutes} minutes, ${formatPrice(service.priceCents, settings)})`,
        }))}
      />
      <RadioGroup {...field('pain')} legend="What is the pain like?" options={Object.entries(painTypes).map(([value, label]) => ({ value, label }))} />
      <RadioGroup
        {...field('patientStatus')}
        legend="Have you been to the clinic before?"
        options={[
          { value: 'new', label: 'No, I am a new patient' },
          { value: 'returning', label: 'Yes, I am a returning patient' },
        ]}
      />
      <PreferredTimeFields values={form.values} errors={form.errors} bookable={bookable} />
      <TextArea {...field('notes')} label="Anything else we should know" maxlength={2000} />
      <HeardFromField {...field('heardFrom')} />
      <Checkbox
        {...field('consent')}
        label={
          <>
            I agree that the clinic stores this request to arrange my appointment, as the <a href="/privacy">privacy notice</a> explains.
          </>
        }
      />
    </FormShell>
  )
}
