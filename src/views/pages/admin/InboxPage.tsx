import { inboxPageSize, type DeliveryState, type InboxFilter } from '../../../db/inbox'
import { requestKinds, requestStatuses, type RequestKind, type RequestStatus } from '../../../db/schema'
import { formatInstant } from '../../../lib/dates'
import { AdminLayout } from './AdminLayout'

export interface InboxRow {
  id: string
  reference: string
  kind: RequestKind
  status: RequestStatus
  name: string
  createdAt: Date
  delivery: DeliveryState
}

const kindLabels: Record<RequestKind, string> = { contact: 'Question', booking: 'Booking' }

const query = (filter: InboxFilter, page: number) => {
  const params = new URLSearchParams()
  if (filter.kind) params.set('kind', filter.kind)
  if (filter.status) params.set('status', filter.status)
  if (filter.search) params.set('q', filter.search)
  if (page > 1) params.set('page', String(page))
  return params.toString()
}

export const InboxPage = ({ rows, total, page, filter, csrfToken }: { rows: readonly InboxRow[]; total: number; page: number; filter: InboxFilter; csrfToken: string }) => {
  const pages = Math.max(1, Math.ceil(total / inboxPageSize))
  return (
    <AdminLayout title="Requests" path="/admin" csrfToken={csrfToken}>
      <h1>Requests</h1>
      <form method="get" action="/admin" class="filters" role="search" aria-label="Filter requests">
        <div class="field">
          <label for="f-kind">Kind</label>
          <select id="f-kind" name="kind">
            <option value="">All</option>
            {requestKinds.map((kind) => <option value={kind} selected={filter.kind === kind}>{kindLabels[kind]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            <option value="">All</option>
            {requestStatuses.map((status) => <option value={status} selected={filter.status === status}>{status}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-q">Name, email or reference</label>
          <input id="f-q" name="q" type="search" value={filter.search ?? ''} maxlength={100} />
        </div>
        <button type="submit" class="button">Filter</button>
      </form>
      <p>
        {total} {total === 1 ? 'request' : 'requests'} · <a href={`/admin/export.csv?${query(filter, 1)}`}>Download these as CSV</a>
      </p>
      {rows.length === 0 ? (
        <p>No requests match.</p>
      ) : (
        <div class="table-scroll">
          <table>
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
                  <td><time datetime={row.createdAt.toISOString()}>{formatInstant(row.createdAt)}</time></td>
                  <th scope="row"><a href={`/admin/requests/${row.id}`}>{row.name}</a></th>
                  <td>{kindLabels[row.kind]}</td>
                  <td><span class={`badge status-${row.status}`}>{row.status}</span></td>
                  <td><span class={`badge delivery-${row.delivery}`}>{row.delivery}</span></td>
                  <td><code>{row.reference}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" class="pager">
          {page > 1 ? <a href={`/admin?${query(filter, page - 1)}`} rel="prev">Newer</a> : null}
          <span>Page {page} of {pages}</span>
          {page < pages ? <a href={`/admin?${query(filter, page + 1)}`} rel="next">Older</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  )
}
