import type { Child } from 'hono/jsx'
import type { SettingsSection } from '../../../../db/schema'
import type { FieldErrors } from '../../../../requests/form-fields'
import type { FormValues } from '../../../../settings/form-input'
import { ErrorSummary } from '../../../components/form/ErrorSummary'
import { fieldId, TextInput } from '../../../components/form/fields'
import { CsrfField } from '../AdminLayout'

/** One section's form as shown: its values as typed, its errors by field, the revision it was opened on. */
export interface SectionFormState {
  values: FormValues
  errors: FieldErrors
  revision: number
}

/** A text field of a section's form, its value and errors looked up by name. */
export const Field = ({ form, name, label, hint, type, optional }: { form: SectionFormState; name: string; label: string; hint?: string; type?: 'email' | 'date' | 'text' | 'tel'; optional?: boolean }) => (
  <TextInput name={name} label={label} hint={hint} type={type} value={form.values[name]} errors={form.errors[name]} required={!optional} />
)

/** A section under its heading, posting to /admin/settings/<section> with the revision it shows. */
export const SectionForm = ({ section, title, form, csrfToken, children }: { section: SettingsSection; title: string; form: SectionFormState; csrfToken: string; children: Child }) => (
  <section id={section} aria-labelledby={`${section}-title`}>
    <h2 id={`${section}-title`}>{title}</h2>
    <form method="post" action={`/admin/settings/${section}`} novalidate>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="revision" value={String(form.revision)} />
      <ErrorSummary errors={form.errors} targets={Object.fromEntries(Object.keys(form.errors).flatMap((name) => (name in form.values ? [[name, fieldId(name)]] : [])))} />
      {children}
      <button type="submit" class="button">Save {title.toLowerCase()}</button>
    </form>
  </section>
)
