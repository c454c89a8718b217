import type { Child } from 'hono/jsx'
import type { FieldErrors } from '../../../platform/form-body'
import { CsrfField } from '../../../ui/AdminLayout'
import { ErrorSummary } from '../../../ui/form/ErrorSummary'
import { fieldId, TextInput } from '../../../ui/form/fields'
import type { SettingsSection } from '../domain/vocabulary'
import type { FormValues } from '../form-input'
import { errorTarget } from './form-values'

/** One section's form as shown: its values as typed, its errors by field, the revision it was opened on. */
export interface SectionFormState {
  values: FormValues
  errors: FieldErrors
  revision: number
}

/** Each section's name, as its page, its navigation link and its save button say it. */
export const sectionTitles: Record<SettingsSection, string> = {
  practice: 'Practice',
  hours: 'Opening hours',
  'time-off': 'Time off',
  treatments: 'Treatments',
  policies: 'Policies',
  'saved-replies': 'Saved replies',
}

/** A text field of a section's form, its value and errors looked up by name. */
export const Field = ({
  form,
  name,
  label,
  hint,
  type,
  optional,
}: {
  form: SectionFormState
  name: string
  label: string
  hint?: string
  type?: 'email' | 'date' | 'text' | 'tel' | 'time'
  optional?: boolean
}) => <TextInput name={name} label={label} hint={hint} type={type} value={form.values[name]} errors={form.errors[name]} required={!optional} />

/** A checkbox of a section's form, checked when its value is "yes". */
export const Checkbox = ({ form, name, label }: { form: SectionFormState; name: string; label: string }) => (
  <div class="choice">
    <input id={fieldId(name)} type="checkbox" name={name} value="yes" checked={form.values[name] === 'yes'} />
    <label for={fieldId(name)}>{label}</label>
  </div>
)

/** A section's form, posting to /admin/settings/<section> with the revision it shows. */
export const SectionForm = ({
  section,
  form,
  csrfToken,
  children,
}: {
  section: SettingsSection
  form: SectionFormState
  csrfToken: string
  children: Child
}) => (
  <form method="post" action={`/admin/settings/${section}`} novalidate>
    <CsrfField token={csrfToken} />
    <input type="hidden" name="revision" value={String(form.revision)} />
    <ErrorSummary
      errors={form.errors}
      targets={Object.fromEntries(Object.keys(form.errors).flatMap((name) => (name in form.values ? [[name, errorTarget(name)]] : [])))}
    />
    {children}
    <button type="submit" class="button">
      Save {sectionTitles[section].toLowerCase()}
    </button>
  </form>
)
