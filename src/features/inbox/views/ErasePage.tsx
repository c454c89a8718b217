import { AdminLayout, CsrfField } from '../../../ui/AdminLayout'

export type EraseStep =
  | { step: 'ask'; error?: string; email?: string }
  | { step: 'confirm'; email: string; requestCount: number }
  | { step: 'done'; requestCount: number }

/** Erasure in two steps: find what an email address has, then confirm; the receipt holds counts only. */
export const ErasePage = ({ state, csrfToken }: { state: EraseStep; csrfToken: string }) => (
  <AdminLayout title="Erase a patient’s data" path="/admin/erase" csrfToken={csrfToken}>
    <h1>Erase a patient’s data</h1>
    {state.step === 'done' ? (
      <div class="notice-ok" role="status">
        {state.requestCount === 0 ? (
          <p>Nothing was stored for that address, so nothing was erased and no receipt was recorded.</p>
        ) : (
          <p>
            Erased {state.requestCount} {state.requestCount === 1 ? 'request' : 'requests'} with their times, notifications and notes. A receipt with the count
            only was recorded.
          </p>
        )}
      </div>
    ) : null}
    {state.step === 'confirm' ? (
      <form method="post" action="/admin/erase/confirm">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="email" value={state.email} />
        <p>
          {state.requestCount === 0
            ? `There is nothing stored for ${state.email}.`
            : `This permanently erases ${state.requestCount} ${state.requestCount === 1 ? 'request' : 'requests'} from ${state.email}, with their preferred times, notifications and notes. It cannot be undone.`}
        </p>
        {state.requestCount > 0 ? (
          <button type="submit" class="button danger">
            Erase permanently
          </button>
        ) : null}{' '}
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
