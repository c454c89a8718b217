import { AdminLayout } from '../../../../ui/AdminLayout'
import type { ArticleRow } from '../../store/schema'
import { ScheduleForm, type ScheduleInput } from './PublishingForms'

/** The schedule form on a page of its own, when a date and time came back refused. */
export const SchedulePage = ({
  article,
  csrfToken,
  timeZone,
  values,
  error,
}: {
  article: ArticleRow
  csrfToken: string
  timeZone: string
  values: ScheduleInput
  error: string
}) => (
  <AdminLayout title={`Schedule “${article.title}”`} path={`/admin/articles/${article.id}/schedule`} csrfToken={csrfToken}>
    <h1>Schedule “{article.title}”</h1>
    <ScheduleForm article={article} csrfToken={csrfToken} timeZone={timeZone} values={values} error={error} />
    <p>
      <a href="/admin/articles">Back to the articles</a>
    </p>
  </AdminLayout>
)
