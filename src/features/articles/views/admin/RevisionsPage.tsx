import { formatInstant } from '../../../../platform/dates'
import { AdminLayout } from '../../../../ui/AdminLayout'
import type { RevisionSummary } from '../../store/article-revisions'
import type { ArticleRow } from '../../store/schema'

/** Every revision of an article, newest first, each to open or compare with the one before. */
export const RevisionsPage = ({
  article,
  revisions,
  csrfToken,
}: {
  article: Pick<ArticleRow, 'id' | 'title'>
  revisions: readonly RevisionSummary[]
  csrfToken: string
}) => {
  const base = `/admin/articles/${article.id}`
  return (
    <AdminLayout title={`Revisions: ${article.title}`} path={`${base}/revisions`} csrfToken={csrfToken}>
      <p>
        <a href={base}>Back to the article</a>
      </p>
      <h1>Revisions of “{article.title}”</h1>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Compare</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr>
                <td data-label="Revision">
                  <a href={`${base}/revisions/${revision.number}`}>{revision.number}</a>
                </td>
                <td data-label="When">{formatInstant(revision.createdAt)}</td>
                <td data-label="Who">{revision.author}</td>
                <td data-label="What">{revision.action}</td>
                <td data-label="Compare">
                  {revision.number > 1 ? <a href={`${base}/diff?from=${revision.number - 1}&to=${revision.number}`}>with {revision.number - 1}</a> : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}
