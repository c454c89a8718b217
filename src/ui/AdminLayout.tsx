import type { Child } from 'hono/jsx'
import { Layout } from './Layout'
import { usePractice } from './practice'

export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="csrf" value={token} />

const AdminHeader = ({ csrfToken }: { csrfToken?: string }) => (
  <header class="site-header">
    <a class="brand" href="/admin">
      {usePractice().clinicName}: inbox
    </a>
    {csrfToken ? (
      <nav aria-label="Inbox">
        <ul>
          <li>
            <a href="/admin">Requests</a>
          </li>
          <li>
            <a href="/admin/agenda">Agenda</a>
          </li>
          <li>
            <a href="/admin/waitlist">Waitlist</a>
          </li>
          <li>
            <a href="/admin/calendar">Calendar feed</a>
          </li>
          <li>
            <a href="/admin/articles">Articles</a>
          </li>
          <li>
            <a href="/admin/insight">Insight</a>
          </li>
          <li>
            <a href="/admin/erase">Erase a patient</a>
          </li>
          <li>
            <a href="/admin/emails">Emails</a>
          </li>
          <li>
            <a href="/admin/settings">Settings</a>
          </li>
          <li>
            <form method="post" action="/admin/logout" class="inline">
              <CsrfField token={csrfToken} />
              <button type="submit" class="link-button">
                Sign out
              </button>
            </form>
          </li>
          <li>
            <form method="post" action="/admin/logout/everywhere" class="inline">
              <CsrfField token={csrfToken} />
              <button type="submit" class="link-button">
                Sign out everywhere
              </button>
            </form>
          </li>
        </ul>
      </nav>
    ) : null}
  </header>
)

/** Inbox pages: never indexed, their own header, the same stylesheet as the site. */
export const AdminLayout = ({ title, path, csrfToken, children }: { title: string; path: string; csrfToken?: string; children: Child }) => (
  <Layout meta={{ title, description: `${usePractice().clinicName} practitioner inbox`, path, noindex: true }} header={<AdminHeader csrfToken={csrfToken} />}>
    {children}
  </Layout>
)
