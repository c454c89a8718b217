import { formatInstant } from '../../../../platform/dates'
import { AdminLayout, CsrfField } from '../../../../ui/AdminLayout'
import type { ArticleRevisionRow, ArticleRow } from '../../store/schema'
import { DoiLink } from './ReferenceFields'

export interface RevisionPageProps {
  article: Pick<ArticleRow, 'id' | 'title' | 'revision'>
  revision: ArticleRevisionRow
  csrfToken: string
}

/** One revision as it was saved, and the button that makes it the article's text again. */
export const RevisionPage = ({ article, revision, csrfToken }: RevisionPageProps) => {
  const base = `/admin/articles/${article.id}`
  const isCurrent = revision.number === article.revision
  return (
    <AdminLayout title={`Revision ${revision.number}: ${revision.title}`} path={`${base}/revisions/${revision.number}`} csrfToken={csrfToken}>
      <p>
        <a href={`${base}/revisions`}>Back to the revisions</a>
      </p>
      <h1>
        Revision {revision.number} of “{article.title}”
      </h1>
      <p class="meta">
        {revision.action} by {revision.author}, {formatInstant(revision.createdAt)}
      </p>
      {isCurrent ? (
        <p>This is the article's current text.</p>
      ) : (
        <>
          <p>
            <a href={`${base}/diff?from=${revision.number}&to=${article.revision}`}>Compare with the current revision ({article.revision})</a>
          </p>
          <form method="post" action={`${base}/revisions/${revision.number}/restore`}>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="revision" value={String(article.revision)} />
            <p class="hint">Restoring adds a new revision with this text; the address (slug) stays as it is now, and no revision is lost.</p>
            <button type="submit" class="button">
              Restore revision {revision.number}
            </button>
          </form>
        </>
      )}
      <dl class="details">
        <dt>Title</dt>
        <dd>{revision.title}</dd>
        <dt>Slug</dt>
        <dd>{revision.slug}</dd>
        <dt>Description</dt>
        <dd>{revision.description}</dd>
        <dt>Tags</dt>
        <dd>{revision.tags.join(', ')}</dd>
      </dl>
      {revision.references.length > 0 ? (
        <ol>
          {revision.references.map((reference) => (
            <li>
              {reference.authors}. {reference.title}. {reference.source}. <DoiLink doi={reference.doi} />
            </li>
          ))}
        </ol>
      ) : null}
      <h2 id="text-heading">Text</h2>
      <textarea aria-labelledby="text-heading" rows={25} readonly>
        {revision.body}
      </textarea>
    </AdminLayout>
  )
}
