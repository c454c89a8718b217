import { formatPrice } from '../../../config'
import { formatInstant, formatPreferredTime } from '../../../platform/dates'
import { AdminLayout, CsrfField } from '../../../ui/AdminLayout'
import type { AppointmentProposalRow, ConfirmOffer, OfferedStarts, PreferredTimeRow, RequestEventRow, RequestRow } from '../../bookings'
import { type BookedTreatment, findBookedTreatment, heardFromLabels, type PainType, painTypes, periodHours, requestStatuses } from '../../bookings'
import { AppointmentActions, AppointmentPanel, allows, ConfirmBookingForm, type ThreadEntry } from '../../bookings/admin'
import type { NotificationRow } from '../../notifications'
import type { Settings } from '../../settings'
import { BookedViaBadge } from './BookedViaBadge'
import { BookQuestionForm } from './BookQuestionForm'
import { deliveryStates, describeDelivery } from './delivery-labels'
import { PatientPhone } from './PatientPhone'
import { type ReplyBox, ThreadSection } from './ThreadSection'

export interface RequestDetail {
  request: RequestRow
  times: readonly PreferredTimeRow[]
  notifications: readonly NotificationRow[]
  events: readonly RequestEventRow[]
  /** Other confirmed appointments overlapping this one's confirmed time. */
  overlaps: readonly Pick<RequestRow, 'id' | 'name' | 'reference'>[]
  /** The title of the article the patient came from; absent when no article has that slug any more. */
  sourceTitle?: string | undefined
}

/** What the request page shows of the practice's settings: the treatments and prices, the clock times are entered on, the country phone numbers are read for, and the saved replies. */
export type RequestPageSettings = Pick<Settings, 'allServices' | 'locale' | 'currency' | 'timeZone' | 'address' | 'savedReplies' | 'services'>

/** "Follow-up treatment, 60 minutes, $90.00": the treatment as booked, its length and price when known. */
const describeTreatment = (treatment: BookedTreatment, settings: RequestPageSettings) =>
  [
    treatment.name,
    ...(treatment.durationMinutes === undefined ? [] : [`${treatment.durationMinutes} minutes`]),
    ...(treatment.priceCents === undefined ? [] : [formatPrice(treatment.priceCents, settings)]),
  ].join(', ')

const treatmentOf = (request: RequestRow, settings: RequestPageSettings) => {
  if (!request.serviceId && !request.serviceName) return null
  const treatment = findBookedTreatment(request, settings.allServices)
  return treatment ? describeTreatment(treatment, settings) : request.serviceId
}

const Row = ({ label, value }: { label: string; value: string | null | undefined }) =>
  value ? (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  ) : null

export const RequestDetailPage = ({
  detail,
  csrfToken,
  flash,
  proposals = [],
  confirmOffers,
  offeredStarts,
  minutes,
  settings,
  now = new Date(),
  thread,
  box,
}: {
  detail: RequestDetail
  csrfToken: string
  flash?: string
  /** The times proposed to the patient, shown while the appointment waits for their choice. */
  proposals?: readonly AppointmentProposalRow[]
  /** What the confirm form offers for the patient's preferred times: their exact starts, or the free starts in their periods. */
  confirmOffers: readonly ConfirmOffer[]
  /** The free starts Propose and Move offer, seven days at a time; absent when neither is possible. */
  offeredStarts?: OfferedStarts | undefined
  /** How long the booked treatment lasts, which proposed times take. */
  minutes: number
  settings: RequestPageSettings
  /** Decides which appointment actions are offered (some only before, some only after the start). */
  now?: Date
  /** The conversation after the patient's first message, oldest first. */
  thread: readonly ThreadEntry[]
  /** The message box: empty, a saved reply's words, or a refused message kept as typed. */
  box: ReplyBox
}) => {
  const { request, times, notifications, events, overlaps } = detail
  const base = `/admin/requests/${request.id}`
  return (
    <AdminLayout title={`${request.kind === 'booking' ? 'Booking request' : 'Question'} ${request.reference}`} path={base} csrfToken={csrfToken}>
      <p>
        <a href="/admin">Back to requests</a>
      </p>
      <h1>
        {request.name}{' '}
        <span class="meta">
          ({request.kind === 'contact' ? 'question' : request.bookedVia === 'request' ? 'booking request' : 'booking'} {request.reference})
        </span>{' '}
        <BookedViaBadge via={request.bookedVia} />
      </h1>
      {flash ? (
        <div class="notice-ok" role="status">
          <p>{flash}</p>
        </div>
      ) : null}
      {overlaps.length > 0 ? (
        <div class="notice" role="alert">
          <p>
            This appointment overlaps another confirmed appointment:{' '}
            {overlaps.map((other) => (
              <a href={`/admin/requests/${other.id}`}>
                {other.name} ({other.reference}){' '}
              </a>
            ))}
          </p>
        </div>
      ) : null}
      <dl class="details">
        <Row label="Received" value={formatInstant(request.createdAt)} />
        <Row label="Status" value={request.status} />
        <Row label="Email" value={request.email} />
        {request.phone ? (
          <>
            <dt>Phone</dt>
            <dd>
              <PatientPhone stored={request.phone} country={settings.address.country} />
            </dd>
          </>
        ) : null}
        <Row label="Reply by" value={request.preferredContact} />
        <Row label="Treatment" value={treatmentOf(request, settings)} />
        <Row label="Pain" value={request.painType ? (painTypes[request.painType as PainType] ?? request.painType) : null} />
        <Row label="Patient" value={request.patientStatus === 'returning' ? 'Returning patient' : request.patientStatus === 'new' ? 'New patient' : null} />
        <Row label="Confirmed for" value={request.confirmedStart ? formatInstant(request.confirmedStart) : null} />
        {request.sourceArticle ? (
          <>
            <dt>Came from the article</dt>
            <dd>
              <a href={`/articles/${request.sourceArticle}`}>{detail.sourceTitle ?? request.sourceArticle}</a>
            </dd>
          </>
        ) : null}
        <Row label="Heard about us from" value={request.heardFrom ? heardFromLabels[request.heardFrom] : null} />
      </dl>
      {request.message ? (
        <>
          <h2>Message</h2>
          <p class="patient-text">{request.message}</p>
        </>
      ) : null}
      {request.notes ? (
        <>
          <h2>Notes from the patient</h2>
          <p class="patient-text">{request.notes}</p>
        </>
      ) : null}
      <ThreadSection base={base} patientName={request.name} thread={thread} savedReplies={settings.savedReplies} box={box} csrfToken={csrfToken} />
      {times.length > 0 ? (
        <>
          <h2>Preferred times</h2>
          <ol>
            {times.map((time) => (
              <li>{time.start ? formatInstant(time.start) : formatPreferredTime(time.date, periodHours[time.period].label.toLowerCase())}</li>
            ))}
          </ol>
        </>
      ) : null}
      <AppointmentPanel request={request} proposals={proposals} />
      {allows(request, 'confirm', now) ? <ConfirmBookingForm request={request} offers={confirmOffers} csrfToken={csrfToken} /> : null}
      {request.kind === 'contact' && request.status !== 'spam' ? <BookQuestionForm base={base} csrfToken={csrfToken} settings={settings} /> : null}
      {request.kind === 'booking' ? (
        <AppointmentActions request={request} csrfToken={csrfToken} now={now} minutes={minutes} offered={offeredStarts} timeZone={settings.timeZone} />
      ) : null}

      <h2>Status and note</h2>
      <form method="post" action={`${base}/status`} class="inline-form">
        <CsrfField token={csrfToken} />
        <label for="f-status">Status</label>
        <select id="f-status" name="status">
          {requestStatuses.map((status) => (
            <option value={status} selected={status === request.status}>
              {status}
            </option>
          ))}
        </select>
        <button type="submit" class="button">
          Change status
        </button>
      </form>
      <form method="post" action={`${base}/note`}>
        <CsrfField token={csrfToken} />
        <div class="field">
          <label for="f-note">Private note</label>
          <textarea id="f-note" name="note" rows={4} maxlength={5000}>
            {request.note ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          Save note
        </button>
      </form>
      {events.length > 0 ? (
        <ul class="history">
          {events.map((event) => (
            <li>
              {formatInstant(event.createdAt)}: {event.detail} ({event.actor})
            </li>
          ))}
        </ul>
      ) : null}

      <h2>Notifications</h2>
      <div class="table-scroll">
        <table class="reflow">
          <thead>
            <tr>
              <th scope="col">Notification</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Why not sent, or last error</th>
              <th scope="col">Sent</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {notifications.map((notification) => (
              <tr>
                <th scope="row">{describeDelivery(notification)}</th>
                <td data-label="State">
                  <span class={`badge delivery-${notification.status}`}>{deliveryStates[notification.status]}</span>
                </td>
                <td data-label="Attempts">{notification.attempts}</td>
                <td data-label="Details">{notification.lastError ?? ''}</td>
                <td data-label="Sent">{notification.sentAt ? formatInstant(notification.sentAt) : ''}</td>
                <td>
                  {notification.status === 'pending' ? null : (
                    <form method="post" action={`${base}/notifications/${notification.id}/resend`}>
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="link-button">
                        Resend<span class="visually-hidden"> {describeDelivery(notification)}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}
