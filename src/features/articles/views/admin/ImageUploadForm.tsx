import { CsrfField } from '../../../../ui/AdminLayout'

export interface ImageUploadFormProps {
  csrfToken: string
  /** The article the image is for: after the upload its edit page opens with the image's Markdown added. */
  articleId?: string
  alt?: string
  error?: string
}

/** Uploads one image with its alt text; a plain multipart form, so it works with JavaScript off. */
export const ImageUploadForm = ({ csrfToken, articleId, alt = '', error }: ImageUploadFormProps) => (
  <form method="post" action="/admin/images" enctype="multipart/form-data" class="image-upload">
    <CsrfField token={csrfToken} />
    {articleId ? <input type="hidden" name="article" value={articleId} /> : null}
    {error ? (
      <p id="f-image-error" class="field-error" role="alert">
        <span class="visually-hidden">Error: </span>
        {error}
      </p>
    ) : null}
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for="f-image">Image (JPEG, PNG, WebP or AVIF, up to 5 MB)</label>
      <input
        id="f-image"
        name="file"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif"
        required
        aria-describedby={error ? 'f-image-error' : undefined}
      />
    </div>
    <div class="field">
      <label for="f-alt">Alt text: what the image shows, for people who cannot see it</label>
      <input id="f-alt" name="alt" type="text" required maxlength={200} value={alt} />
    </div>
    <button type="submit" class="button">
      Upload image
    </button>
  </form>
)
