import type { Child } from 'hono/jsx'

export interface FieldState {
  value?: string
  errors?: readonly string[]
}

export const fieldId = (name: string) => `f-${name}`
const errorId = (name: string) => `${fieldId(name)}-error`
const hintId = (name: string) => `${fieldId(name)}-hint`

const describedBy = (name: string, hint: unknown, errors: readonly string[] | undefined) =>
  [hint ? hintId(name) : '', errors?.length ? errorId(name) : ''].filter(Boolean).join(' ') || undefined

const FieldError = ({ name, errors }: { name: string; errors?: readonly string[] }) =>
  errors?.length ? (
    <p id={errorId(name)} class="field-error">
      <span class="visually-hidden">Error: </span>
      {errors.join('. ')}
    </p>
  ) : null

const Hint = ({ name, hint }: { name: string; hint?: Child }) =>
  hint ? (
    <p id={hintId(name)} class="hint">
      {hint}
    </p>
  ) : null

interface FrameProps extends FieldState {
  name: string
  label: string
  hint?: Child
  required?: boolean
}

/** Label, hint and error above a control, and the attributes that tie them to it. */
const FieldFrame = ({ name, label, hint, errors, required, control }: FrameProps & { control: (aria: Record<string, string | undefined>) => Child }) => (
  <div class={errors?.length ? 'field field-invalid' : 'field'}>
    <label for={fieldId(name)}>
      {label}
      {required ? null : <span class="optional"> (optional)</span>}
    </label>
    <Hint name={name} hint={hint} />
    <FieldError name={name} errors={errors} />
    {control({ id: fieldId(name), 'aria-invalid': errors?.length ? 'true' : undefined, 'aria-describedby': describedBy(name, hint, errors) })}
  </div>
)

interface InputProps extends FrameProps {
  type?: 'text' | 'email' | 'tel' | 'date' | 'time'
  autocomplete?: string
  inputmode?: 'text' | 'email' | 'tel' | 'numeric'
  maxlength?: number
  min?: string
  max?: string
}

export const TextInput = ({ name, label, hint, value, errors, type = 'text', required, ...attributes }: InputProps) => (
  <FieldFrame
    {...{ name, label, hint, errors, required }}
    control={(aria) => (
      <input
        id={aria.id}
        name={name}
        type={type}
        value={value ?? ''}
        required={required}
        aria-invalid={aria['aria-invalid']}
        aria-describedby={aria['aria-describedby']}
        {...attributes}
      />
    )}
  />
)

export const TextArea = ({ name, label, hint, value, errors, required, maxlength }: FrameProps & { maxlength?: number }) => (
  <FieldFrame
    {...{ name, label, hint, errors, required }}
    control={(aria) => (
      <textarea
        id={aria.id}
        name={name}
        rows={6}
        required={required}
        maxlength={maxlength}
        aria-invalid={aria['aria-invalid']}
        aria-describedby={aria['aria-describedby']}
      >
        {value ?? ''}
      </textarea>
    )}
  />
)

export interface Option {
  value: string
  label: Child
}

export const Select = ({ name, label, hint, value, errors, options, required }: FrameProps & { options: readonly Option[] }) => (
  <FieldFrame
    {...{ name, label, hint, errors, required }}
    control={(aria) => (
      <select id={aria.id} name={name} required={required} aria-invalid={aria['aria-invalid']} aria-describedby={aria['aria-describedby']}>
        <option value="">Choose…</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    )}
  />
)

/** The id of a radio group's first option, where the error summary sends focus. */
export const radioId = (name: string, value: string) => `${fieldId(name)}-${value}`

/**
 * Radios in a fieldset. The group's hint and error describe the fieldset, but
 * aria-invalid sits on each radio: ARIA 1.2 does not support it on a group.
 */
export const RadioGroup = ({
  name,
  legend,
  hint,
  value,
  errors,
  options,
  required = true,
}: Omit<FrameProps, 'label'> & { legend: string; options: readonly Option[] }) => (
  <fieldset class={errors?.length ? 'field field-invalid' : 'field'} aria-describedby={describedBy(name, hint, errors)}>
    <legend>{legend}</legend>
    <Hint name={name} hint={hint} />
    <FieldError name={name} errors={errors} />
    {options.map((option) => (
      <div class="choice">
        <input
          id={radioId(name, option.value)}
          type="radio"
          name={name}
          value={option.value}
          checked={option.value === value}
          required={required}
          aria-invalid={errors?.length ? 'true' : undefined}
        />
        <label for={radioId(name, option.value)}>{option.label}</label>
      </div>
    ))}
  </fieldset>
)

export const Checkbox = ({ name, label, value, errors }: FieldState & { name: string; label: Child }) => (
  <div class={errors?.length ? 'field field-invalid' : 'field'}>
    <FieldError name={name} errors={errors} />
    <div class="choice">
      <input
        id={fieldId(name)}
        type="checkbox"
        name={name}
        value="yes"
        checked={value === 'yes' || value === 'true'}
        required
        aria-invalid={errors?.length ? 'true' : undefined}
        aria-describedby={errors?.length ? errorId(name) : undefined}
      />
      <label for={fieldId(name)}>{label}</label>
    </div>
  </div>
)
