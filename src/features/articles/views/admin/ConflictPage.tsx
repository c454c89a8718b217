import { AdminLayout } from '../../../../ui/AdminLayout'
import type { FieldErrors } from '../../article-input'
import type { DiffLine } from '../../line-diff'
import type { ArticleRow } from '../../store/schema'
import { ArticleFields } from './ArticleFields'
import { DiffLines } from './DiffLines'

export interface ConflictPageProps {
  /** The article as it was saved meanwhile. */
  theirs: Pick<ArticleRow, 'id' | 'revision' | 'title' | 'body'>
  /** What was typed here, kept whole. */
  values: Record<string, string>
  errors: FieldErrors
  diff: readonly DiffLine[]
  csrfToken: string
}

/**
 * Shown instead of saving over a revision saved elsewhere since the form was
 * opened: their text as saved, the typed text in a form that saves over theirs
 * only when sent again from here, and what differs.
 */
export const ConflictPage = ({ theirs, values, errors, diff, csrfToken }: ConflictPageProps) => (
  <AdminLayout title={`Not saved: ${theirs.title}`} path={`/admin/articles/${theirs.id}`} csrfToken={csrfToken}>
    <h1>Not saved: the article changed meanwhile</h1>
    <div class="notice" role="alert">
      <p>
        Someone saved revision {theirs.revision} of this article after you opened it, perhaps in another tab. Nothing you typed is lost: it is in the form
        below. Compare the two texts, then save yours over theirs, or <a href={`/admin/articles/${theirs.id}`}>open their revision</a> instead.
      </p>
    </div>
    <h2 id="theirs-heading">Their text, as saved (revision {theirs.revision})</h2>
    <textarea aria-labelledby="theirs-heading" rows={15} readonly>
      {theirs.body}
    </textarea>
    <h2>What differs (- theirs, + yours)</h2>
    <DiffLines lines={diff} label="Their text against yours" />
    <h2>Your text, as typed</h2>
    <ArticleFields
      action={`/admin/articles/${theirs.id}`}
      values={values}
      errors={errors}
      csrfToken={csrfToken}
      revision={theirs.revision}
      submitLabel="Save mine over theirs"
    />
  </AdminLayout>
)
