import { formatInstant } from '../../../platform/dates'
import { AdminLayout, CsrfField } from '../../../ui/AdminLayout'
import { type OutcomeSummary, type RequestKind, type RequestRow, type RequestStatus, requestKinds, requestStatuses } from '../../bookings'
import { OutcomeTable } from '../../bookings/admin'
import type { DeliveryState, InboxFilter } from '../store/inbox'
import { BookedViaBadge } from './BookedViaBadge'

interface InboxRow {
  id: string
  reference: string
  kind: RequestKind
  status: RequestStatus
  name: string
  createdAt: Date
  bookedVia: RequestRow['bookedVia']
  delivery: DeliveryState
}

/** One page of the list; filterId is the saved search it came from, the only thing its links carry. */
export interface InboxListing {
  rows: readonly InboxRow[]
  total: number
  page: number
  /** How many requests a page lists. */
  pageSize: number
  filterId?: string
}

const kindLabels: Record<RequestKind, string> = { contact: 'Question', booking: 'Booking' }

/** A link's query: the saved search's id and the page, never the search itself. */
const query = (filterId: string | undefined, page: number) => {
  const params = new URLSearchParams()
  if (filterId) params.set('filter', filterId)
  if (page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * The inbox list under its filter form. Without a listing, the saved search
 * asked for has expired (or never existed): the form alone, with a notice.
 */
export const InboxPage = ({
  filter,
  listing,
  outcomes,
  csrfToken,
}: {
  filter: InboxFilter
  listing?: InboxListing
  outcomes?: OutcomeSummary
  csrfToken: string
}) => (
  <AdminLayout title="Requests" path="/admin" csrfToken={csrfToken}>
    <h1>Requests</h1>
    {listing ? null : (
      <div class="notice" role="alert">
        <p>That search has expired. Search again.</p>
      </div>
    )}
    <FilterForm filter={filter} csrfToken={csrfToken} />
    {listing ? <RequestList {...listing} /> : null}
    {outcomes ? <OutcomeTable {...outcomes} /> : null}
  </AdminLayout>
)

/** Posted, so what is typed goes in the body and is saved behind an id, not in the address. */
const FilterForm = ({ filter, csrfToken }: { filter: InboxFilter; csrfToken: string }) => (
  // biome-ignore lint/a11y/useSemanticElements: browsers before 2023 expose no landmark for <search>, and every browser does for a form with role="search"
  <form method="post" action="/admin/search" class="filters" role="search" aria-label="Filter requests">
    <CsrfField token={csrfToken} />
    <div class="field">
      <label for="f-kind">Kind</label>
      <select id="f-kind" name="kind">
        <option value="">All</option>
        {requestKinds.map((kind) => (
          <option value={kind} selected={filter.kind === kind}>
            {kindLabels[kind]}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="f-status">Status</label>
      <select id="f-status" name="status">
        <option value="">All</option>
        {requestStatuses.map((status) => (
          <option value={status} selected={filter.status === status}>
            {status}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="f-q">Name, email or reference</label>
      <input id="f-q" name="q" type="search" value={filter.search ?? ''} maxlength={100} />
    </div>
    <button type="submit" class="button">
      Filter
    </button>
  </form>
)

const RequestList = ({ rows, total, page, pageSize, filterId }: InboxListing) => {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <>
      <p>
        {total} {total === 1 ? 'request' : 'requests'} · <a href={`/admin/export.csv${query(filterId, 1)}`}>Download these as CSV</a>
      </p>
      {rows.length === 0 ? (
        <p>No requests match.</p>
      ) : (
        <div class="table-scroll">
          <table class="reflow">
            <caption class="visually-hidden">Requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Notification</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td data-label="Received">
                    <time datetime={row.createdAt.toISOString()}>{formatInstant(row.createdAt)}</time>
                  </td>
                  <th scope="row">
                    <a href={`/admin/requests/${row.id}`}>{row.name}</a>
                  </th>
                  <td data-label="Kind">
                    {kindLabels[row.kind]} <BookedViaBadge via={row.bookedVia} />
                  </td>
                  <td data-label="Status">
                    <span class={`badge status-${row.status}`}>{row.status}</span>
                  </td>
                  <td data-label="Notification">
                    <span class={`badge delivery-${row.delivery}`}>{row.delivery}</span>
                  </td>
                  <td data-label="Reference">
                    <code>{row.reference}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.some((row) => row.delivery === 'check') ? (
        <p>
          <span class="badge delivery-check">check</span>: the email service never answered, so the notification may or may not have gone out. Open the request
          to see and, if needed, send it again.
        </p>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pages" class="pager">
          {page > 1 ? (
            <a href={`/admin${query(filterId, page - 1)}`} rel="prev">
              Newer
            </a>
          ) : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <a href={`/admin${query(filterId, page + 1)}`} rel="next">
              Older
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}
