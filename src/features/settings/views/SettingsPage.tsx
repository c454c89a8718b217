import { formatInstant } from '../../../platform/dates'
import { AdminLayout } from '../../../ui/AdminLayout'
import { type CalendarFallback, CalendarFallbackNotice } from '../../../ui/CalendarFallbackNotice'
import type { AffectedAppointment } from '../affected-appointments'
import type { SettingsSection } from '../domain/vocabulary'
import type { SettingsChangeRow } from '../store/schema'
import { ChangeHistory } from './ChangeHistory'
import { sectionTitles } from './SectionForm'
import { SettingsNav } from './SettingsNav'

export interface SettingsPageProps {
  revisions: Record<SettingsSection, number>
  changes: readonly SettingsChangeRow[]
  affected: readonly AffectedAppointment[]
  /** Set while direct booking falls back to requests because the practitioner's calendar is overdue. */
  calendarFallback?: CalendarFallback | undefined
  timeZone: string
  currency: string
  locale: string
  csrfToken: string
  notice?: string
  /** The section another tab saved first, so a restore of it was not saved. */
  conflict?: SettingsSection
  /** A restore that could not be saved, and why. */
  restoreErrors?: readonly string[]
}

/** The settings' overview: links to each section's page, the appointments a change left outside the week, and the history. */
export const SettingsPage = (props: SettingsPageProps) => (
  <AdminLayout title="Practice settings" path="/admin/settings" csrfToken={props.csrfToken}>
    <h1>Practice settings</h1>
    {props.calendarFallback ? <CalendarFallbackNotice fallback={props.calendarFallback} linkToCalendar /> : null}
    {props.notice ? (
      <div class="notice-ok" role="status">
        <p>{props.notice}</p>
      </div>
    ) : null}
    {props.conflict ? (
      <div class="notice" role="alert">
        <p>
          Another tab saved the {sectionTitles[props.conflict].toLowerCase()} section first, so this version was not restored. The history below shows the
          changes now stored: choose again.
        </p>
      </div>
    ) : null}
    {props.restoreErrors ? (
      <div class="error-summary" role="alert">
        <h2>That version cannot be restored</h2>
        <ul>
          {props.restoreErrors.map((message) => (
            <li>{message}</li>
          ))}
        </ul>
      </div>
    ) : null}
    <SettingsNav current="overview" />
    <p>Each section has its own page and its own save.</p>
    <section id="affected" aria-labelledby="affected-title">
      <h2 id="affected-title">Appointments a change left outside the week</h2>
      {props.affected.length === 0 ? (
        <p>No change of the opening hours or time off has left a confirmed appointment outside them.</p>
      ) : (
        <>
          <p>These stay as they are until you move or cancel them from their request.</p>
          <ul>
            {props.affected.map((appointment) => (
              <li>
                <a href={`/admin/requests/${appointment.id}`}>
                  <code>{appointment.reference}</code>
                </a>
                , <time datetime={appointment.start.toISOString()}>{formatInstant(appointment.start)}</time>: {appointment.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
    <p>
      Time zone <strong>{props.timeZone}</strong>, currency <strong>{props.currency}</strong>. These change only through the site’s configuration: stored times
      are UTC instants, so a new time zone would move how every appointment reads.
    </p>
    <ChangeHistory changes={props.changes} revisions={props.revisions} csrfToken={props.csrfToken} shown={{ locale: props.locale, currency: props.currency }} />
  </AdminLayout>
)
