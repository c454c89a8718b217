import type { Child } from 'hono/jsx'
import { ErrorSummary } from '../../../../ui/form/ErrorSummary'
import { SpamTraps } from '../../../../ui/form/SpamTraps'
import { Layout, type PageMeta } from '../../../../ui/Layout'
import { PhoneLink } from '../../../../ui/PhoneLink'
import { sourceArticleField } from '../../domain/source-article'
import type { FormPageProps } from './types'

/** The parts every request form shares: title, error summary, notice, spam traps, submit button. */
export const FormShell = ({
  meta,
  intro,
  action,
  submitLabel,
  targets,
  form,
  children,
}: {
  meta: PageMeta
  intro: Child
  action: string
  submitLabel: string
  targets: Record<string, string>
  form: FormPageProps
  children: Child
}) => {
  const hasErrors = Object.keys(form.errors).length > 0
  return (
    <Layout
      meta={{ ...meta, title: hasErrors ? `Error: ${meta.title}` : meta.title }}
      scripts={form.turnstileSiteKey ? ['https://challenges.cloudflare.com/turnstile/v0/api.js'] : []}
    >
      <h1>{meta.title}</h1>
      <ErrorSummary errors={form.errors} targets={targets} />
      {form.notice ? (
        <div class="notice" role="alert">
          <p>{form.notice}</p>
          <p>
            You can also call us on <PhoneLink />.
          </p>
        </div>
      ) : null}
      {intro}
      <form method="post" action={action} novalidate>
        {children}
        {form.values[sourceArticleField] ? <input type="hidden" name={sourceArticleField} value={form.values[sourceArticleField]} /> : null}
        <SpamTraps token={form.token} turnstileSiteKey={form.turnstileSiteKey} turnstileAction={form.turnstileAction} />
        <button type="submit" class="button">
          {submitLabel}
        </button>
      </form>
    </Layout>
  )
}
