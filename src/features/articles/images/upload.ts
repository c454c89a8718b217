import type { Db } from '../../../platform/database'
import { describeError, logEvent } from '../../../platform/log'
import { findImage, insertImage, type NewArticleImage, recordVariants } from '../store/article-images'
import { readImageSize } from './dimensions'
import { imageKey } from './formats'
import { sniffImageType } from './sniff'
import { makeVariants } from './variants'

export const maxImageBytes = 5 * 1024 * 1024
const maxAltLength = 200

/** Why an upload was turned away, in words the practitioner can act on. */
export const uploadRefusals = {
  empty: 'Choose an image file to upload.',
  'too-large': 'The image is larger than 5 MB. Save it smaller (about 2000 pixels wide is plenty) and upload it again.',
  'not-an-image': 'Only JPEG, PNG, WebP and AVIF images can be uploaded (not SVG, GIF or other files).',
  unreadable: 'The image file seems damaged: its width and height could not be read. Export it again and upload it.',
  'alt-missing': 'Describe the image for people who cannot see it (the alt text).',
  'alt-too-long': `Keep the alt text to ${maxAltLength} characters or fewer.`,
  'not-stored': 'The image could not be stored just now. Nothing was saved; try again in a minute.',
} as const

type UploadRefusal = keyof typeof uploadRefusals
export type UploadResult = { ok: true; image: NewArticleImage } | { ok: false; refusal: UploadRefusal }

/** Alt text on one line with single spaces, as it goes into the Markdown. */
const normaliseAlt = (alt: string) => alt.replace(/\s+/g, ' ').trim()

const toHex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** Checks the file and the alt text and reads what the row records, without storing anything. */
async function inspectUpload(
  file: File | null,
  altText: string,
): Promise<{ ok: true; image: NewArticleImage; bytes: Uint8Array<ArrayBuffer> } | { ok: false; refusal: UploadRefusal }> {
  const alt = normaliseAlt(altText)
  if (!file || file.size === 0) return { ok: false, refusal: 'empty' }
  if (alt === '') return { ok: false, refusal: 'alt-missing' }
  if ([...alt].length > maxAltLength) return { ok: false, refusal: 'alt-too-long' }
  if (file.size > maxImageBytes) return { ok: false, refusal: 'too-large' }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const contentType = sniffImageType(bytes)
  if (!contentType) return { ok: false, refusal: 'not-an-image' }
  const size = readImageSize(bytes, contentType)
  if (!size) return { ok: false, refusal: 'unreadable' }
  const hash = toHex(await crypto.subtle.digest('SHA-256', bytes))
  return { ok: true, image: { hash, contentType, ...size, byteSize: bytes.length, alt }, bytes }
}

/** True once R2 holds an object under the key with the expected size and SHA-256. */
async function isStored(bucket: R2Bucket, key: string, image: NewArticleImage): Promise<boolean> {
  const object = await bucket.head(key)
  const checksum = object?.checksums.sha256
  return object !== null && object.size === image.byteSize && checksum !== undefined && toHex(checksum) === image.hash
}

/** What makes the smaller copies: the Images binding, absent in a deployment without it (pages then show originals alone). */
export interface VariantMaker {
  transforms: ImagesBinding | undefined
  timeBudgetMs?: number
}

/**
 * Stores an uploaded image in R2 under its SHA-256 and records it: the row is
 * written only once the object has been read back with the same size and
 * hash, so the site never links an image that is not there (an upload lost on
 * the way is reported, never shown as done). The same bytes twice make one
 * object and one row. Then, with the Images binding, its smaller copies are
 * made and recorded; the original is recorded first, so however that goes the
 * upload is kept.
 */
export async function storeImage(
  bucket: R2Bucket,
  db: Db,
  upload: { file: File | null; alt: string },
  now: Date,
  variants: VariantMaker,
): Promise<UploadResult> {
  const inspected = await inspectUpload(upload.file, upload.alt)
  if (!inspected.ok) return inspected
  const { image, bytes } = inspected
  const key = imageKey(image.hash, image.contentType)
  try {
    // R2 checks the bytes against the SHA-256 it is given and refuses a mismatch.
    await bucket.put(key, bytes, { httpMetadata: { contentType: image.contentType }, sha256: image.hash })
    if (!(await isStored(bucket, key, image))) {
      logEvent('error', 'image_not_stored', { key })
      return { ok: false, refusal: 'not-stored' }
    }
  } catch (error) {
    logEvent('error', 'image_not_stored', { key, error: describeError(error) })
    return { ok: false, refusal: 'not-stored' }
  }
  await insertImage(db, image, now)
  if (variants.transforms)
    await storeVariants(variants.transforms, bucket, db, { hash: image.hash, width: image.width, file: new Blob([bytes]) }, now, variants.timeBudgetMs)
  return { ok: true, image }
}

/**
 * Makes the copies the image's row does not list yet (all of them at a first
 * upload; what failed before at a repeated one) and records them. Awaited
 * within the upload, so an article saved right after it already offers them.
 */
async function storeVariants(
  transforms: ImagesBinding,
  bucket: R2Bucket,
  db: Db,
  original: { hash: string; width: number; file: Blob },
  now: Date,
  timeBudgetMs?: number,
): Promise<void> {
  try {
    const have = (await findImage(db, original.hash))?.variants ?? []
    const made = await makeVariants(transforms, bucket, original, have, timeBudgetMs)
    if (made.length > 0) await recordVariants(db, original.hash, [...have, ...made], now)
  } catch (error) {
    // The original is stored and recorded: the page shows it alone until the same file is uploaded again.
    logEvent('error', 'image_variants_not_recorded', { hash: original.hash, error: describeError(error) })
  }
}
