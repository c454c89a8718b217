import { AdminLayout } from '../../../ui/AdminLayout'

export const LoginPage = ({ next, error, signedOutEverywhere }: { next: string; error?: string; signedOutEverywhere?: boolean }) => (
  <AdminLayout title="Sign in" path="/admin/login">
    <h1>Sign in to the inbox</h1>
    {error ? (
      <div class="error-summary" role="alert" tabindex={-1}>
        <h2>There is a problem</h2>
        <p>{error}</p>
      </div>
    ) : null}
    {signedOutEverywhere ? (
      <div class="notice-ok" role="status">
        <p>You are signed out everywhere: every browser and device that was signed in to the inbox has to sign in again.</p>
      </div>
    ) : null}
    <form method="post" action="/admin/login">
      <input type="hidden" name="next" value={next} />
      <div class="field">
        <label for="f-password">Password</label>
        <input id="f-password" name="password" type="password" autocomplete="current-password" required aria-invalid={error ? 'true' : undefined} />
      </div>
      <button type="submit" class="button">
        Sign in
      </button>
    </form>
  </AdminLayout>
)
