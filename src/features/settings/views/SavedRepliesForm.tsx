import { TextArea } from '../../../ui/form/fields'
import { maxSavedReplyLength } from '../sections'
import { rowsOf } from './form-values'
import { Checkbox, Field, SectionForm, type SectionFormState } from './SectionForm'

/**
 * The practitioner's saved replies, each a title and the words it puts in the
 * inbox's message box: the empty row adds one, "Remove" drops one.
 */
export const SavedRepliesForm = ({ form, csrfToken }: { form: SectionFormState; csrfToken: string }) => (
  <SectionForm section="saved-replies" form={form} csrfToken={csrfToken}>
    {form.errors.replies ? <p class="field-error">{form.errors.replies.join('. ')}</p> : null}
    <p>On a request’s page, a saved reply fills the message box; you can change the words before sending. Fill in the empty row to add one.</p>
    {rowsOf(form.values, 'replies').map((row) => {
      const name = (field: string) => `replies.${row}.${field}`
      const typed = Boolean(form.values[name('title')] || form.values[name('text')])
      return (
        <fieldset>
          <legend>{typed ? `Saved reply ${row + 1}` : 'New saved reply'}</legend>
          <Field form={form} name={name('title')} label="Title" hint="Shown on the request’s page, such as “Please choose a time”" optional />
          <TextArea name={name('text')} label="Text" value={form.values[name('text')]} errors={form.errors[name('text')]} maxlength={maxSavedReplyLength} />
          {typed ? <Checkbox form={form} name={name('remove')} label={`Remove saved reply ${row + 1}`} /> : null}
        </fieldset>
      )
    })}
  </SectionForm>
)
