import type { FieldErrors } from '../../platform/form-body'

/** Errors listed at the top of the form, each linking to its field (`targets` maps field to element id). */
export const ErrorSummary = ({ errors, targets }: { errors: FieldErrors; targets: Record<string, string> }) => {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.map(([field, messages]) => messages.map((message) => <li>{targets[field] ? <a href={`#${targets[field]}`}>{message}</a> : message}</li>))}
      </ul>
    </div>
  )
}
