import { AdminLayout } from '../../../ui/AdminLayout'

/** Behind Cloudflare Access the inbox keeps no sessions of its own: Access holds every sign-in. */
export const AccessSessionsPage = ({ csrfToken }: { csrfToken: string }) => (
  <AdminLayout title="Sign out everywhere" path="/admin/logout/everywhere" csrfToken={csrfToken}>
    <h1>Sign out everywhere</h1>
    <p>This inbox is behind Cloudflare Access, which keeps every sign-in itself: the inbox has no sessions of its own to end, and nothing was changed.</p>
    <p>
      To sign out every browser and device, revoke your sessions in Cloudflare Zero Trust (My Team, Users, Revoke session). To sign out of this browser only,
      open <a href="/cdn-cgi/access/logout">/cdn-cgi/access/logout</a>.
    </p>
  </AdminLayout>
)
