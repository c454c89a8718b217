import type { FieldErrors } from '../../../../content/article-input'
import type { ArticleRow } from '../../../../db/schema'
import { AdminLayout } from '../AdminLayout'
import { ArticleFields } from './ArticleFields'

export interface ArticleEditPageProps {
  /** Absent while writing a new article. */
  article?: Pick<ArticleRow, 'id' | 'revision' | 'state' | 'title'>
  values: Record<string, string>
  errors: FieldErrors
  csrfToken: string
  /** A message above the form, e.g. that an image was added to the text. */
  notice?: string
}

/** The form that writes a new article or the next revision of one. */
export const ArticleEditPage = ({ article, values, errors, csrfToken, notice }: ArticleEditPageProps) => {
  const base = article ? `/admin/articles/${article.id}` : '/admin/articles/new'
  const heading = article ? `Edit: ${article.title}` : 'New article'
  return (
    <AdminLayout title={Object.keys(errors).length > 0 ? `Error: ${heading}` : heading} path={base} csrfToken={csrfToken}>
      <p><a href="/admin/articles">Back to articles</a></p>
      <h1>{heading}</h1>
      {article ? (
        <p class="meta">
          {article.state}, revision {article.revision}. <a href={`${base}/revisions`}>Revisions</a> · <a href={`${base}/export.md`}>Download as Markdown</a>
        </p>
      ) : null}
      {notice ? <div class="notice-ok" role="status"><p>{notice}</p></div> : null}
      <ArticleFields
        action={article ? base : '/admin/articles'}
        values={values}
        errors={errors}
        csrfToken={csrfToken}
        revision={article?.revision}
        submitLabel={article ? 'Save' : 'Save as draft'}
      />
    </AdminLayout>
  )
}
