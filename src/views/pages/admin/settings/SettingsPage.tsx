import type { SettingsSection, SettingsChangeRow } from '../../../../db/schema'
import { formatInstant } from '../../../../lib/dates'
import type { AffectedReason } from '../../../../settings/affected'
import { AdminLayout } from '../AdminLayout'
import { ChangeHistory } from './ChangeHistory'
import { HoursForm, PracticeForm, TimeOffForm } from './PracticeForms'
import type { SectionFormState } from './SectionForm'
import { PoliciesForm, TreatmentsForm } from './TreatmentForms'

export interface AffectedAppointment {
  id: string
  reference: string
  start: Date
  reason: AffectedReason
}

export interface SettingsPageProps {
  forms: Record<SettingsSection, SectionFormState>
  changes: readonly SettingsChangeRow[]
  affected: readonly AffectedAppointment[]
  timeZone: string
  currency: string
  csrfToken: string
  notice?: string
  /** The section another tab saved first: its form shows the values now stored. */
  conflict?: SettingsSection
  /** A restore that could not be saved, and why. */
  restoreErrors?: readonly string[]
}

/** Every setting of the practice, one form per section, with the appointments a change left outside the week. */
export const SettingsPage = (props: SettingsPageProps) => (
  <AdminLayout title="Practice settings" path="/admin/settings" csrfToken={props.csrfToken}>
    <h1>Practice settings</h1>
    {props.notice ? <div class="notice-ok" role="status"><p>{props.notice}</p></div> : null}
    {props.conflict ? (
      <div class="notice" role="alert">
        <p>Another tab saved the {props.conflict} section first, so this change was not saved. The form below shows the values now stored: make your change again.</p>
      </div>
    ) : null}
    {props.restoreErrors ? (
      <div class="error-summary" role="alert">
        <h2>That version cannot be restored</h2>
        <ul>{props.restoreErrors.map((message) => <li>{message}</li>)}</ul>
      </div>
    ) : null}
    <section id="affected" aria-labelledby="affected-title">
      <h2 id="affected-title">Appointments outside the week as it now stands</h2>
      {props.affected.length === 0 ? (
        <p>Every confirmed appointment from now on falls inside the opening hours and outside time off.</p>
      ) : (
        <>
          <p>These stay as they are until you move or cancel them from their request.</p>
          <ul>
            {props.affected.map((appointment) => (
              <li>
                <a href={`/admin/requests/${appointment.id}`}><code>{appointment.reference}</code></a>, <time datetime={appointment.start.toISOString()}>{formatInstant(appointment.start)}</time>: {appointment.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
    <p>
      Time zone <strong>{props.timeZone}</strong>, currency <strong>{props.currency}</strong>. These change only through the site’s configuration: stored
      times are UTC instants, so a new time zone would move how every appointment reads.
    </p>
    <PracticeForm form={props.forms.practice} csrfToken={props.csrfToken} />
    <HoursForm form={props.forms.hours} csrfToken={props.csrfToken} />
    <TimeOffForm form={props.forms['time-off']} csrfToken={props.csrfToken} />
    <TreatmentsForm form={props.forms.treatments} csrfToken={props.csrfToken} currency={props.currency} />
    <PoliciesForm form={props.forms.policies} csrfToken={props.csrfToken} />
    <ChangeHistory changes={props.changes} revisions={Object.fromEntries(Object.entries(props.forms).map(([section, form]) => [section, form.revision]))} csrfToken={props.csrfToken} />
  </AdminLayout>
)
