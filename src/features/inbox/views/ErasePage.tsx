import { AdminLayout, CsrfField } from '../../../ui/AdminLayout'

/** What an address has stored, or had erased. */
interface Counts {
  requests: number
  waitlistPlaces: number
}

export type EraseStep = { step: 'ask'; error?: string; email?: string } | { step: 'confirm'; email: string; counts: Counts } | { step: 'done'; counts: Counts }

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "2 requests", "1 waitlist place", "2 requests and 1 waitlist place". */
const describeCounts = ({ requests, waitlistPlaces }: Counts) =>
  [requests > 0 ? counted(requests, 'request', 'requests') : null, waitlistPlaces > 0 ? counted(waitlistPlaces, 'waitlist place', 'waitlist places') : null]
    .filter(Boolean)
    .join(' and ')

const isEmpty = ({ requests, waitlistPlaces }: Counts) => requests + waitlistPlaces === 0

/** Erasure in two steps: find what an email address has, then confirm; the receipt holds counts only. */
export const ErasePage = ({ state, csrfToken }: { state: EraseStep; csrfToken: string }) => (
  <AdminLayout title="Erase a patient’s data" path="/admin/erase" csrfToken={csrfToken}>
    <h1>Erase a patient’s data</h1>
    {state.step === 'done' ? (
      <div class="notice-ok" role="status">
        {isEmpty(state.counts) ? (
          <p>Nothing was stored for that address, so nothing was erased and no receipt was recorded.</p>
        ) : (
          <p>Erased {describeCounts(state.counts)} with their times, notifications and notes. A receipt with the count only was recorded.</p>
        )}
      </div>
    ) : null}
    {state.step === 'confirm' ? (
      <form method="post" action="/admin/erase/confirm">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="email" value={state.email} />
        <p>
          {isEmpty(state.counts)
            ? `There is nothing stored for ${state.email}.`
            : `This permanently erases ${describeCounts(state.counts)} from ${state.email}, with their preferred times, notifications and notes. It cannot be undone.`}
        </p>
        {isEmpty(state.counts) ? null : (
          <button type="submit" class="button danger">
            Erase permanently
          </button>
        )}{' '}
        <a href="/admin/erase">Cancel</a>
      </form>
    ) : (
      <form method="post" action="/admin/erase">
        <CsrfField token={csrfToken} />
        <div class={state.step === 'ask' && state.error ? 'field field-invalid' : 'field'}>
          <label for="f-email">Patient’s email address</label>
          {state.step === 'ask' && state.error ? (
            <p id="f-email-error" class="field-error">
              <span class="visually-hidden">Error: </span>
              {state.error}
            </p>
          ) : null}
          <input
            id="f-email"
            name="email"
            type="email"
            required
            value={state.step === 'ask' ? (state.email ?? '') : ''}
            aria-invalid={state.step === 'ask' && state.error ? 'true' : undefined}
            aria-describedby={state.step === 'ask' && state.error ? 'f-email-error' : undefined}
          />
        </div>
        <button type="submit" class="button">
          Find their data
        </button>
      </form>
    )}
  </AdminLayout>
)
