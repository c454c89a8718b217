import { formatPrice } from '../../../../config'
import { formatDate } from '../../../../platform/dates'
import { addDays } from '../../../../platform/time-zone'
import { ErrorSummary } from '../../../../ui/form/ErrorSummary'
import { SpamTraps } from '../../../../ui/form/SpamTraps'
import { Layout } from '../../../../ui/Layout'
import type { Settings } from '../../../settings'
import { type FreeDay, maxExactStarts } from '../../domain/book-week'
import type { FieldErrors } from '../../domain/form-fields'
import { sourceArticleField } from '../../domain/source-article'
import { bookLink } from './links'
import { NothingSuits } from './NothingSuits'
import { startId, TimeChoices } from './TimeChoices'

type Treatment = Settings['allServices'][number]

/** The details a patient typed, carried as hidden fields when they must choose another time. */
const detailFields = ['name', 'email', 'phone', 'pain', 'patientStatus', 'notes', 'heardFrom', 'consent', sourceArticleField] as const

export interface WeekPageProps {
  settings: Settings
  treatment: Treatment
  /** The Monday of the week shown; undefined when nothing in the horizon is free. */
  week: string | undefined
  days: readonly FreeDay[]
  /** Checkboxes for up to three times (a request) rather than one radio. */
  several: boolean
  prev?: string
  next?: string
  /** The clinic's zone in words, "Pacific Time". */
  zoneName: string
  chosen?: readonly number[]
  /** The article the patient came from, carried to the details step. */
  source?: string
  errors?: FieldErrors
  notice?: string
  /** Choosing first (a GET to the details step), or choosing again with the details kept (a POST that books). */
  form: { kind: 'choose' } | { kind: 'retry'; values: Record<string, string>; token: string; turnstileSiteKey?: string; turnstileAction?: string }
}

/** One week of a treatment's free starts, with the weeks either side. */
export const WeekPage = (props: WeekPageProps) => {
  const { settings, treatment, week, days, form, source } = props
  const weekLink = (shown: string) => bookLink({ treatment: treatment.id, week: shown }, source)
  const errors = props.errors ?? {}
  const title = `Book ${treatment.name}`
  const firstStart = days[0]?.starts[0]
  return (
    <Layout
      meta={{
        title: Object.keys(errors).length > 0 ? `Error: ${title}` : title,
        description: `Free times for ${treatment.name} with ${settings.practitioner.name}.`,
        path: '/book',
        noindex: true,
      }}
      scripts={form.kind === 'retry' && form.turnstileSiteKey ? ['https://challenges.cloudflare.com/turnstile/v0/api.js'] : []}
    >
      <h1>{title}</h1>
      <ErrorSummary errors={errors} targets={firstStart === undefined ? {} : { start: startId(firstStart) }} />
      {props.notice ? (
        <div class="notice" role="alert">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p>
        {treatment.durationMinutes} minutes, {formatPrice(treatment.priceCents, settings)}. <a href={bookLink({}, source)}>Choose another treatment</a>.
      </p>
      {week === undefined ? (
        <>
          <h2>No free times in the next {settings.booking.horizonDays} days</h2>
          <NothingSuits treatment={treatment.id} quiet={false} />
        </>
      ) : (
        <>
          <h2>
            Week of {formatDate(week)} to {formatDate(addDays(week, 6))}
          </h2>
          <p>
            Times are in {props.zoneName}, the clinic’s local time.{' '}
            {props.several
              ? `Pick up to ${maxExactStarts} times that suit you: we confirm one of them by email.`
              : 'Choose one time: it is booked for you at once.'}
          </p>
          <nav aria-label="Weeks" class="week-nav">
            {props.prev ? <a href={weekLink(props.prev)}>Previous week</a> : null} {props.next ? <a href={weekLink(props.next)}>Next week</a> : null}
          </nav>
          {days.length === 0 ? (
            <p>No free times this week.</p>
          ) : (
            <form method={form.kind === 'choose' ? 'get' : 'post'} action={form.kind === 'choose' ? '/book/details' : '/book'} novalidate>
              <input type="hidden" name="treatment" value={treatment.id} />
              <input type="hidden" name="week" value={week} />
              {form.kind === 'choose' && source ? <input type="hidden" name="source" value={source} /> : null}
              <TimeChoices days={days} several={props.several} chosen={props.chosen ?? []} errors={errors.start} />
              {form.kind === 'retry' ? (
                <>
                  {detailFields.map((name) => (form.values[name] === undefined ? null : <input type="hidden" name={name} value={form.values[name]} />))}
                  <SpamTraps token={form.token} turnstileSiteKey={form.turnstileSiteKey} turnstileAction={form.turnstileAction} />
                </>
              ) : null}
              <button type="submit" class="button">
                {form.kind === 'choose' ? 'Continue' : props.several ? 'Send booking request' : 'Book this time'}
              </button>
            </form>
          )}
          <NothingSuits treatment={treatment.id} quiet={true} />
        </>
      )}
    </Layout>
  )
}
