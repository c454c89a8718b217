import type { PracticeConfig } from '../../../../config'
import { Checkbox, fieldId, RadioGroup, radioId, TextArea } from '../../../../ui/form/fields'
import { HeardFromField } from '../HeardFromField'
import { ContactFields, contactTargets } from './ContactFields'
import { FormShell } from './FormShell'
import type { FormPageProps } from './types'

const targets = {
  ...contactTargets,
  preferredContact: radioId('preferredContact', 'email'),
  message: fieldId('message'),
  heardFrom: fieldId('heardFrom'),
  consent: fieldId('consent'),
}

export const ContactPage = ({ practitioner, ...form }: FormPageProps & Pick<PracticeConfig, 'practitioner'>) => {
  const field = (name: keyof typeof targets) => ({ name, value: form.values[name], errors: form.errors[name] })
  return (
    <FormShell
      meta={{
        title: 'Contact us',
        description: `Ask ${practitioner.name} a question about acupuncture or your treatment. We reply within one working day.`,
        path: '/contact',
      }}
      intro={
        <p>
          Ask a question and we will reply within one working day. To ask for an appointment, use the <a href="/book">booking form</a>.
        </p>
      }
      action="/contact"
      submitLabel="Send message"
      targets={targets}
      form={form}
    >
      <ContactFields values={form.values} errors={form.errors} phoneHint="Needed only if you would like a call back." />
      <RadioGroup
        {...field('preferredContact')}
        legend="How should we reply?"
        options={[
          { value: 'email', label: 'By email' },
          { value: 'phone', label: 'By phone' },
        ]}
      />
      <TextArea
        {...field('message')}
        label="Your question or message"
        required
        maxlength={5000}
        hint="Please do not include anything you would not want sent by email."
      />
      <HeardFromField {...field('heardFrom')} />
      <Checkbox
        {...field('consent')}
        label={
          <>
            I agree that the clinic stores this message to reply to me, as the <a href="/privacy">privacy notice</a> explains.
          </>
        }
      />
    </FormShell>
  )
}
