import { AdminLayout } from '../../../ui/AdminLayout'
import type { SettingsSection } from '../domain/vocabulary'
import { HoursForm, PracticeForm, TimeOffForm } from './PracticeForms'
import { SavedRepliesForm } from './SavedRepliesForm'
import { type SectionFormState, sectionTitles } from './SectionForm'
import { SettingsNav } from './SettingsNav'
import { PoliciesForm, TreatmentsForm } from './TreatmentForms'

export interface SectionPageProps {
  section: SettingsSection
  form: SectionFormState
  currency: string
  csrfToken: string
  /** Said at the top of the page, where it is seen after the save's redirect. */
  notice?: string
  /** Another tab saved this section first: the form shows the values now stored. */
  conflict?: boolean
}

const forms = {
  practice: PracticeForm,
  hours: HoursForm,
  'time-off': TimeOffForm,
  treatments: TreatmentsForm,
  policies: PoliciesForm,
  'saved-replies': SavedRepliesForm,
} satisfies Record<SettingsSection, (props: { form: SectionFormState; csrfToken: string; currency: string }) => unknown>

/** One section of the settings on its own page, with its one form. */
export const SectionPage = (props: SectionPageProps) => {
  const title = sectionTitles[props.section]
  const Form = forms[props.section]
  return (
    <AdminLayout title={`${title}: practice settings`} path={`/admin/settings/${props.section}`} csrfToken={props.csrfToken}>
      <h1>{title}</h1>
      {props.notice ? (
        <div class="notice-ok" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.conflict ? (
        <div class="notice" role="alert">
          <p>
            Another tab saved the {title.toLowerCase()} section first, so this change was not saved. The form below shows the values now stored: make your
            change again.
          </p>
        </div>
      ) : null}
      <SettingsNav current={props.section} />
      <Form form={props.form} csrfToken={props.csrfToken} currency={props.currency} />
    </AdminLayout>
  )
}
