import { AdminLayout, CsrfField } from '../../../../ui/AdminLayout'
import { ImageUploadForm } from './ImageUploadForm'

export interface ImageListItem {
  hash: string
  path: string
  markdown: string
  alt: string
  width: number
  height: number
  byteSize: number
  /** Shown in some article's body: such an image cannot be deleted. */
  used: boolean
}

export interface ImagesPageProps {
  csrfToken: string
  images: ImageListItem[]
  /** The image just uploaded, with its Markdown to copy. */
  uploaded?: ImageListItem
  deleted?: boolean
  /** A refused upload: the message and what was typed. */
  refused?: { error: string; alt: string; articleId?: string }
}

const thumbnailBox = 160

/** Thumbnail size inside a 160-pixel box, never enlarged. */
function fitThumbnail({ width, height }: { width: number; height: number }) {
  const scale = Math.min(1, thumbnailBox / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

const formatBytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`)

/** Every uploaded image with its Markdown, unused ones flagged and deletable, and the upload form. */
export const ImagesPage = ({ csrfToken, images, uploaded, deleted, refused }: ImagesPageProps) => (
  <AdminLayout title="Images" path="/admin/images" csrfToken={csrfToken}>
    <h1>Images</h1>
    {uploaded ? (
      <div class="notice-ok" role="status">
        <p>Image uploaded. Copy this Markdown into an article where the image should appear:</p>
        <pre>
          <code>{uploaded.markdown}</code>
        </pre>
      </div>
    ) : null}
    {deleted ? (
      <p class="notice-ok" role="status">
        Image deleted.
      </p>
    ) : null}
    <h2>Upload an image</h2>
    <ImageUploadForm csrfToken={csrfToken} articleId={refused?.articleId} alt={refused?.alt} error={refused?.error} />
    <h2>All images</h2>
    {images.length === 0 ? <p>No images uploaded yet.</p> : null}
    <ul class="image-list">
      {images.map((image) => (
        <li id={`image-${image.hash}`}>
          <img src={image.path} alt={image.alt} {...fitThumbnail(image)} loading="lazy" decoding="async" />
          <p>
            {image.width} × {image.height} pixels, {formatBytes(image.byteSize)}
            {image.used ? null : <strong> · Not used in any article</strong>}
          </p>
          <pre>
            <code>{image.markdown}</code>
          </pre>
          {image.used ? null : (
            <form method="post" action={`/admin/images/${image.hash}/delete`}>
              <CsrfField token={csrfToken} />
              <button type="submit" class="button danger">
                Delete image
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  </AdminLayout>
)
