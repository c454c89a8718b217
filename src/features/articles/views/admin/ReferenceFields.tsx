import { TextInput } from '../../../../ui/form/fields'
import type { FieldErrors } from '../../article-input'
import { countReferenceSlots, referenceFieldName, referenceFields } from '../../article-input'

const labels = { authors: 'Authors', title: 'Title', source: 'Source (journal, year, pages)', doi: 'DOI' } as const
const doiShape = /^10\.\d{4,9}\/\S+$/

/** A DOI that has the right shape, as the link readers will follow. */
export const DoiLink = ({ doi }: { doi: string }) => (doiShape.test(doi) ? <a href={`https://doi.org/${doi}`}>https://doi.org/{doi}</a> : null)

/** One group of fields per reference, and a blank one to add another; a blank group is ignored on saving. */
export const ReferenceFields = ({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) => (
  <fieldset class="field">
    <legend>References</legend>
    <p class="hint">Leave a group blank to add nothing; empty a group to remove that reference. Save to get another blank group.</p>
    {Array.from({ length: countReferenceSlots(values) }, (_, index) => (
      <fieldset>
        <legend>Reference {index + 1}</legend>
        {referenceFields.map((part) => {
          const name = referenceFieldName(index, part)
          return (
            <TextInput
              name={name}
              label={labels[part]}
              value={values[name]}
              errors={errors[name]}
              hint={part === 'doi' ? 'Like 10.1000/xyz; a https://doi.org/ link works too.' : undefined}
            />
          )
        })}
        <p>
          <DoiLink doi={values[referenceFieldName(index, 'doi')] ?? ''} />
        </p>
      </fieldset>
    ))}
  </fieldset>
)
