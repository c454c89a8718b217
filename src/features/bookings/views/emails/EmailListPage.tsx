import { AdminLayout } from '../../../../ui/AdminLayout'

/** One kind of email in the list: its name, who gets it, and its subject with the sample data. */
export interface EmailListItem {
  kind: string
  title: string
  audience: 'patient' | 'practitioner'
  subject: string
}

const audiences = [
  { audience: 'patient', heading: 'To patients' },
  { audience: 'practitioner', heading: 'To you' },
] as const

/** /admin/emails: every kind of email the site sends, each opening its preview. */
export const EmailListPage = ({ items, csrfToken }: { items: readonly EmailListItem[]; csrfToken: string }) => (
  <AdminLayout title="Emails" path="/admin/emails" csrfToken={csrfToken}>
    <h1>Emails</h1>
    <p>
      Every email the site sends, written with a sample patient, times next week and your current settings, as the recipient sees it. Nothing is sent from here.
    </p>
    {audiences.map(({ audience, heading }) => (
      <section>
        <h2>{heading}</h2>
        <ul>
          {items
            .filter((item) => item.audience === audience)
            .map((item) => (
              <li>
                <a href={`/admin/emails/${item.kind}`}>{item.title}</a>: “{item.subject}”
              </li>
            ))}
        </ul>
      </section>
    ))}
  </AdminLayout>
)
