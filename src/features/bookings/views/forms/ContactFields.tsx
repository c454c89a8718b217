import { fieldId, TextInput } from '../../../../ui/form/fields'
import type { FormPageProps } from './types'

/** Where the error summary links for the contact fields. */
export const contactTargets = { name: fieldId('name'), email: fieldId('email'), phone: fieldId('phone') }

/**
 * The name, email and phone every request form asks first. The phone is
 * required unless `phoneHint` says what it is for (a call back).
 */
export const ContactFields = ({ values, errors, phoneHint }: Pick<FormPageProps, 'values' | 'errors'> & { phoneHint?: string }) => {
  const field = (name: keyof typeof contactTargets) => ({ name, value: values[name], errors: errors[name] })
  return (
    <>
      <TextInput {...field('name')} label="Your name" autocomplete="name" required maxlength={100} />
      <TextInput {...field('email')} label="Email address" type="email" autocomplete="email" inputmode="email" required maxlength={254} />
      <TextInput
        {...field('phone')}
        label="Phone number"
        type="tel"
        autocomplete="tel"
        inputmode="tel"
        required={phoneHint === undefined}
        maxlength={40}
        hint={phoneHint}
      />
    </>
  )
}
