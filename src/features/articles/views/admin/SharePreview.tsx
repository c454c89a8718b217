import { formatInstant } from '../../../../platform/dates'
import { AdminLayout, CsrfField } from '../../../../ui/AdminLayout'
import { previewLifetimeHours } from '../../preview-link'
import type { ArticleRow } from '../../store/schema'

/** Makes a signed link that shows this article's current text to anyone holding it, until it expires. */
export const ShareForm = ({ article, csrfToken, hours, error }: { article: ArticleRow; csrfToken: string; hours?: string; error?: string }) => (
  <form method="post" action={`/admin/articles/${article.id}/share`}>
    <CsrfField token={csrfToken} />
    {error ? (
      <div class="error-summary" role="alert">
        <p id="f-share-hours-error">{error}</p>
      </div>
    ) : null}
    <div class="field">
      <label for="f-share-hours">Link lifetime in hours</label>
      <p id="f-share-hours-hint" class="hint">
        From {previewLifetimeHours.min} to {previewLifetimeHours.max} (seven days); {previewLifetimeHours.default} unless changed.
      </p>
      <input
        id="f-share-hours"
        name="hours"
        type="number"
        min={previewLifetimeHours.min}
        max={previewLifetimeHours.max}
        required
        value={hours ?? String(previewLifetimeHours.default)}
        aria-describedby={error ? 'f-share-hours-hint f-share-hours-error' : 'f-share-hours-hint'}
      />
    </div>
    <button type="submit" class="button">
      Make a preview link
    </button>
  </form>
)

/** The link just made, with its expiry on the clinic's clock, or the form again when the lifetime was refused. */
export const SharedLinkPage = (props: { article: ArticleRow; csrfToken: string; hours: string; link?: { url: string; expires: Date }; error?: string }) => (
  <AdminLayout title={`Share a preview of “${props.article.title}”`} path={`/admin/articles/${props.article.id}/share`} csrfToken={props.csrfToken}>
    <h1>Share a preview of “{props.article.title}”</h1>
    {props.link ? (
      <div class="notice-ok" role="status">
        <p>
          Anyone with this link can read the article’s current text until{' '}
          <time datetime={props.link.expires.toISOString()}>{formatInstant(props.link.expires)}</time>:
        </p>
        <p>
          <a href={props.link.url}>{props.link.url}</a>
        </p>
      </div>
    ) : (
      <ShareForm article={props.article} csrfToken={props.csrfToken} hours={props.hours} error={props.error} />
    )}
    <p>
      <a href={`/admin/articles/${props.article.id}/preview`}>Back to the preview</a>
    </p>
  </AdminLayout>
)
