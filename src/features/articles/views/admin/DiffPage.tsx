import { AdminLayout } from '../../../../ui/AdminLayout'
import { type DiffLine, hasChanges } from '../../line-diff'
import type { ArticleRow } from '../../store/schema'
import { DiffLines } from './DiffLines'

export interface DiffPageProps {
  article: Pick<ArticleRow, 'id' | 'title'>
  from: number
  to: number
  lines: readonly DiffLine[]
  csrfToken: string
}

/** What changed between two revisions, line by line. */
export const DiffPage = ({ article, from, to, lines, csrfToken }: DiffPageProps) => {
  const base = `/admin/articles/${article.id}`
  return (
    <AdminLayout title={`Revision ${from} against ${to}: ${article.title}`} path={`${base}/diff`} csrfToken={csrfToken}>
      <p>
        <a href={`${base}/revisions`}>Back to the revisions</a>
      </p>
      <h1>
        Revision {from} against revision {to}
      </h1>
      {hasChanges(lines) ? null : <p>The two revisions have the same text.</p>}
      <DiffLines lines={lines} label={`Revision ${from} (-) against revision ${to} (+)`} />
    </AdminLayout>
  )
}
