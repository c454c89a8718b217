import { CsrfField } from '../../../../ui/AdminLayout'
import { ErrorSummary } from '../../../../ui/form/ErrorSummary'
import { fieldId, TextInput } from '../../../../ui/form/fields'
import type { FieldErrors } from '../../article-input'
import { ReferenceFields } from './ReferenceFields'

export interface ArticleFieldsProps {
  action: string
  values: Record<string, string>
  errors: FieldErrors
  csrfToken: string
  /** The revision the form was opened on; absent for a new article. */
  revision?: number
  submitLabel: string
}

/** Every field of an article's text, the error summary above them, and the save button. */
export const ArticleFields = ({ action, values, errors, csrfToken, revision, submitLabel }: ArticleFieldsProps) => (
  <form method="post" action={action} novalidate>
    <ErrorSummary errors={errors} targets={Object.fromEntries(Object.keys(errors).map((name) => [name, fieldId(name)]))} />
    <CsrfField token={csrfToken} />
    {revision === undefined ? null : <input type="hidden" name="revision" value={String(revision)} />}
    <TextInput name="title" label="Title" value={values.title} errors={errors.title} required maxlength={120} />
    <TextInput
      name="slug"
      label="Slug (the address: /articles/slug)"
      value={values.slug}
      errors={errors.slug}
      required
      hint="Lower-case letters, digits and hyphens. Left empty, it is made from the title."
    />
    <TextInput
      name="description"
      label="Description"
      value={values.description}
      errors={errors.description}
      required
      hint="50 to 200 characters, shown in lists and search results."
    />
    <TextInput name="tags" label="Tags" value={values.tags} errors={errors.tags} required hint="Separate tags with commas." />
    <ReferenceFields values={values} errors={errors} />
    <div class={errors.body?.length ? 'field field-invalid' : 'field'}>
      <label for={fieldId('body')}>Text (Markdown)</label>
      {errors.body?.length ? (
        <p id={`${fieldId('body')}-error`} class="field-error">
          <span class="visually-hidden">Error: </span>
          {errors.body.join('. ')}
        </p>
      ) : null}
      <textarea
        id={fieldId('body')}
        name="body"
        rows={30}
        required
        aria-invalid={errors.body?.length ? 'true' : undefined}
        aria-describedby={errors.body?.length ? `${fieldId('body')}-error` : undefined}
      >
        {values.body ?? ''}
      </textarea>
    </div>
    <button type="submit" class="button">
      {submitLabel}
    </button>
  </form>
)
