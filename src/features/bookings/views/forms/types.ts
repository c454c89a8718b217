import type { FieldErrors } from '../../domain/form-fields'

/** What every request form page is rendered from. */
export interface FormPageProps {
  /** What the patient typed, kept on every re-render. */
  values: Record<string, string>
  errors: FieldErrors
  /** The signed render time (see requests/form-token.ts). */
  token: string
  turnstileSiteKey?: string
  /** The widget's data-action, which siteverify reports back: the form's kind. */
  turnstileAction?: string
  /** A message about the whole form, e.g. when the database is unavailable. */
  notice?: string
}
