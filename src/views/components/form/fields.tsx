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

interface InputProps extends FieldState {
  name: string
  label: string
  hint?: Child
  type?: 'text' | 'email' | 'tel' | 'date'
  autocomplete?: string
  inputmode?: 'text' | 'email' | 'tel' | 'numeric'
  required?: boolean
  maxlength?: number
  min?: string
  max?: string
}

export const TextInput = ({ name, label, hint, value, errors, type = 'text', required, ...attributes }: InputProps) => (
  <div class={errors?.length ? 'field field-invalid' : 'field'}>
    <label for={fieldId(name)}>
      {label}
      {required ? null : <span class="optional"> (optional)</span>}
    </label>
    <Hint name={name} hint={hint} />
    <FieldError name={name} errors={errors} />
    <input
      id={fieldId(name)}
      name={name}
      type={type}
      value={value ?? ''}
      required={required}
      aria-invalid={errors?.length ? 'true' : undefined}
      aria-describedby={describedBy(name, hint, errors)}
      {...attributes}
    />
  </div>
)

export const TextArea = ({ name, label, hint, value, errors, required, maxlength }: Omit<InputProps, 'type'>) => (
  <div class={errors?.length ? 'field field-invalid' : 'field'}>
    <label for={fieldId(name)}>
      {label}
      {required ? null : <span class="optional"> (optional)</span>}
    </label>
    <Hint name={name} hint={hint} />
    <FieldError name={name} errors={errors} />
    <textarea
      id={fieldId(name)}
      name={name}
      rows={6}
      required={required}
      maxlength={maxlength}
      aria-invalid={errors?.length ? 'true' : undefined}
      aria-describedby={describedBy(name, hint, errors)}
    >
      {value ?? ''}
    </textarea>
  </div>
)

export interface Option {
  value: string
  label: Child
}

export const Select = ({ name, label, hint, value, errors, options, required }: FieldState & { name: string; label: string; hint?: Child; options: readonly Option[]; required?: boolean }) => (
  <div class={errors?.length ? 'field field-invalid' : 'field'}>
    <label for={fieldId(name)}>
      {label}
      {required ? null : <span class="optional"> (optional)</span>}
    </label>
    <Hint name={name} hint={hint} />
    <FieldError name={name} errors={errors} />
    <select
      id={fieldId(name)}
      name={name}
      required={required}
      aria-invalid={errors?.length ? 'true' : undefined}
      aria-describedby={describedBy(name, hint, errors)}
    >
      <option value="">Choose…</option>
      {options.map((option) => (
        <option value={option.value} selected={option.value === value}>
          {option.label}
        </option>
      ))}
    </select>
  </div>
)

/** The id of a radio group's first option, where the error summary sends focus. */
export const radioId = (name: string, value: string) => `${fieldId(name)}-${value}`

export const RadioGroup = ({ name, legend, hint, value, errors, options, required = true }: FieldState & { name: string; legend: string; hint?: Child; options: readonly Option[]; required?: boolean }) => (
  <fieldset
    class={errors?.length ? 'field field-invalid' : 'field'}
    aria-invalid={errors?.length ? 'true' : undefined}
    aria-describedby={describedBy(name, hint, errors)}
  >
    <legend>{legend}</legend>
    <Hint name={name} hint={hint} />
    <FieldError name={name} errors={errors} />
    {options.map((option) => (
      <div class="choice">
        <input id={radioId(name, option.value)} type="radio" name={name} value={option.value} checked={option.value === value} required={required} />
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
