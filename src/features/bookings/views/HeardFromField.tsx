import { type FieldState, Select } from '../../../ui/form/fields'
import { heardFromLabels } from '../domain/form-fields'

const options = Object.entries(heardFromLabels).map(([value, label]) => ({ value, label }))

/** "How did you hear about us?", optional on both request forms: a select, so a choice can be taken back without JavaScript. */
export const HeardFromField = ({ value, errors }: FieldState) => (
  <Select name="heardFrom" label="How did you hear about us?" value={value} errors={errors} options={options} />
)
