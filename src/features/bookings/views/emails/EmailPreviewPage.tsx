import { AdminLayout } from '../../../../ui/AdminLayout'

export interface EmailPreviewProps {
  kind: string
  title: string
  subject: string
  text: string
  csrfToken: string
}

/** One kind of email: its subject, its HTML part framed as a mail program shows it, and its text part. */
export const EmailPreviewPage = ({ kind, title, subject, text, csrfToken }: EmailPreviewProps) => (
  <AdminLayout title={`Email: ${title}`} path={`/admin/emails/${kind}`} csrfToken={csrfToken}>
    <p>
      <a href="/admin/emails">All emails</a>
    </p>
    <h1>{title}</h1>
    <dl class="details">
      <dt>Subject</dt>
      <dd>{subject}</dd>
    </dl>
    <h2>As HTML</h2>
    <p>
      <a href={`/admin/emails/${kind}.html`}>Open the email alone</a>
    </p>
    <iframe src={`/admin/emails/${kind}.html`} title={`${title}, as HTML`} width="100%" height="900" />
    <h2>As text</h2>
    <pre class="patient-text">{text}</pre>
  </AdminLayout>
)
