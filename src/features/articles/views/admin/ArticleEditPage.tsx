import { AdminLayout } from '../../../../ui/AdminLayout'
import type { FieldErrors } from '../../article-input'
import type { ArticleRow } from '../../store/schema'
import { ArticleFields } from './ArticleFields'
import { ImageUploadForm } from './ImageUploadForm'
import { ActionButtons } from './PublishingForms'

export interface ArticleEditPageProps {
  /** Absent while writing a new article. */
  article?: ArticleRow
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
      <p>
        <a href="/admin/articles">Back to articles</a>
      </p>
      <h1>{heading}</h1>
      {article ? (
        <p class="meta">
          {article.state}, revision {article.revision}. <a href={`${base}/revisions`}>Revisions</a> · <a href={`${base}/export.md`}>Download as Markdown</a>
        </p>
      ) : null}
      {notice ? (
        <div class="notice-ok" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ArticleFields
        action={article ? base : '/admin/articles'}
        values={values}
        errors={errors}
        csrfToken={csrfToken}
        revision={article?.revision}
        submitLabel={article ? 'Save' : 'Save as draft'}
      />
      {article ? (
        <>
          <section aria-labelledby="publishing-heading">
            <h2 id="publishing-heading">Publishing</h2>
            <p>
              <a href={`${base}/preview`}>Preview</a> the page as readers will see it.
            </p>
            <ActionButtons article={article} csrfToken={csrfToken} />
          </section>
          <section aria-labelledby="image-heading">
            <h2 id="image-heading">Add an image</h2>
            <p class="hint">Save your text first: the upload opens this page again with the image added to the end of the saved text.</p>
            <ImageUploadForm csrfToken={csrfToken} articleId={article.id} />
          </section>
        </>
      ) : null}
    </AdminLayout>
  )
}
