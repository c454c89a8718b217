import { formatInstant, formatPreferredTime } from '../../../platform/dates'
import { ErrorSummary } from '../../../ui/form/ErrorSummary'
import { Layout } from '../../../ui/Layout'
import { PhoneLink } from '../../../ui/PhoneLink'
import { usePractice } from '../../../ui/practice'
import type { FieldErrors } from '../domain/form-fields'
import { type AppointmentState, patientStateLabels } from '../domain/states'
import { AppointmentTime, type ClinicClock } from './manage/AppointmentTime'
import { CancelSection } from './manage/CancelSection'
import { OtherTimesForm } from './manage/OtherTimesForm'
import { type ProposedTime, ProposedTimes } from './manage/ProposedTimes'
import { preferredTimeTargets } from './PreferredTimeFields'

export interface ManagePageProps {
  /** The page's own address, which every form posts under. */
  action: string
  /** The hidden field every action must send back (see routes/manage.tsx). */
  pageToken: string
  /** The appointment revision shown, which the ask form sends back. */
  revision: number
  reference: string
  state: AppointmentState
  treatment: { name: string; durationMinutes: number }
  /** The treatment's price as booked, when known. */
  price?: string
  start: Date | null
  proposals: readonly ProposedTime[]
  times: readonly { date: string; period: string; start?: Date | null }[]
  offers: { readOnly: boolean; choose: boolean; cancel: 'button' | 'call' | 'none'; ask: boolean }
  cancelNoticeHours: number
  /** What just happened (after an action) or why an action could not be taken. */
  message?: { text: string; kind: 'done' | 'refused' }
  ask: { values: Record<string, string>; errors: FieldErrors }
  bookable: { first: string; last: string }
  /** The clinic's locale and time zone, which every time on the page is written in. */
  clock: ClinicClock
}

/** The patient's own page: where their appointment stands, and only the actions open to them now. */
export const ManagePage = (props: ManagePageProps) => {
  const hasErrors = Object.keys(props.ask.errors).length > 0
  const title = 'Your appointment'
  const { clinicName, address } = usePractice()
  return (
    <Layout
      meta={{
        title: hasErrors ? `Error: ${title}` : title,
        description: 'Where your appointment stands, and what you can change.',
        path: '/manage',
        noindex: true,
      }}
    >
      <h1>{title}</h1>
      {props.message ? (
        <div class={props.message.kind === 'done' ? 'notice notice-ok' : 'notice'} role={props.message.kind === 'done' ? 'status' : 'alert'}>
          <p>{props.message.text}</p>
        </div>
      ) : null}
      <ErrorSummary errors={props.ask.errors} targets={preferredTimeTargets} />
      <dl class="details">
        <dt>Reference</dt>
        <dd>{props.reference}</dd>
        <dt>State</dt>
        <dd>{patientStateLabels[props.state]}</dd>
        {props.start ? (
          <>
            <dt>Time</dt>
            <dd>
              <AppointmentTime start={props.start} clock={props.clock} />
            </dd>
          </>
        ) : null}
        <dt>Treatment</dt>
        <dd>
          {props.treatment.name}, {props.treatment.durationMinutes} minutes{props.price ? `, ${props.price}` : null}
        </dd>
        <dt>Where</dt>
        <dd>
          <address>
            {clinicName}, {address.street}, {address.locality}, {address.region} {address.postalCode}
          </address>
        </dd>
      </dl>
      {props.state === 'confirmed' && props.start ? (
        <p>
          <a href={`${props.action}/appointment.ics`} download="appointment.ics">
            Add to your calendar
          </a>{' '}
          (an .ics file for any calendar app)
        </p>
      ) : null}
      {props.state === 'requested' && props.times.length > 0 ? (
        <section aria-labelledby="asked-title">
          <h2 id="asked-title">The times you asked for</h2>
          <ul>
            {props.times.map((time) => (
              <li>{time.start ? formatInstant(time.start) : formatPreferredTime(time.date, time.period)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.offers.readOnly ? (
        <p>
          This booking can no longer be changed here. To ask about it, please call us on <PhoneLink />.
        </p>
      ) : null}
      {props.offers.choose ? <ProposedTimes action={props.action} pageToken={props.pageToken} proposals={props.proposals} clock={props.clock} /> : null}
      {props.offers.ask ? (
        <OtherTimesForm
          {...props.ask}
          action={props.action}
          pageToken={props.pageToken}
          revision={props.revision}
          bookable={props.bookable}
          keepsConfirmedTime={props.state === 'confirmed'}
        />
      ) : null}
      <CancelSection action={props.action} pageToken={props.pageToken} offer={props.offers.cancel} />
      <h2>Cancellation policy</h2>
      <p>
        You can cancel here up to {props.cancelNoticeHours} hours before; after that, call <PhoneLink />.
      </p>
    </Layout>
  )
}

/** One answer for every link that opens nothing: mistyped, unknown, erased or too old. It names no token. */
export const ManageNotFoundPage = () => (
  <Layout meta={{ title: 'Page not found', description: 'Page not found', path: '/manage', noindex: true }}>
    <h1>Page not found</h1>
    <p>This link does not open an appointment. It may be mistyped, or too old: links stop working 14 days after the appointment.</p>
    <p>
      To ask about your appointment, call us on <PhoneLink />, or <a href="/book">request a new appointment</a>.
    </p>
  </Layout>
)
