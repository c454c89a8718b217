import { describeError, logEvent } from '../../../platform/log'
import type { ImageVariant } from '../store/schema'
import { readImageSize } from './dimensions'
import { type VariantFormat, variantFormats, variantKey } from './formats'
import { sniffImageType } from './sniff'

/**
 * The widths an article page asks for, in device pixels, fitted to its one
 * column (44rem, or the screen less 2rem on a phone): a phone at 1x (480),
 * the column at 1x or a phone at 2x (720), a phone at 3x (a 390 px screen
 * needs 1074: 1080), the column at 2x (1408: 1600). Never wider than
 * the original: an upload narrower than 1600 gets one copy at its own width
 * instead, so even it is offered in AVIF and WebP.
 */
const standardWidths = [480, 720, 1080, 1600] as const
const widest = standardWidths[standardWidths.length - 1]!

/**
 * The quality asked of each encoder. The binding's local mode ignores it and
 * encodes with sharp's defaults, which these equal, so what `wrangler dev`
 * measures is made with the settings production is asked for.
 */
const quality: Record<VariantFormat, number> = { avif: 50, webp: 80 }

/** How long an upload waits for its copies: past it, those not made yet are left out and the upload still succeeds. */
const variantTimeBudgetMs = 20_000

/** The copies an image of this width gets: every width in each format. */
export function plannedVariants(originalWidth: number): { width: number; format: VariantFormat }[] {
  const widths: number[] = standardWidths.filter((width) => width < originalWidth)
  if (originalWidth <= widest) widths.push(originalWidth)
  return widths.flatMap((width) => (Object.keys(variantFormats) as VariantFormat[]).map((format) => ({ width, format })))
}

const toHex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** The upload: one Blob whose stream each transform reads, rather than a copy of up to 5 MB per copy made. */
type Original = { hash: string; width: number; file: Blob }

async function makeVariant(
  transforms: ImagesBinding,
  bucket: R2Bucket,
  original: Original,
  variant: { width: number; format: VariantFormat },
  isLate: () => boolean,
): Promise<ImageVariant | null> {
  const contentType = variantFormats[variant.format]
  const output = await transforms
    .input(original.file.stream())
    .transform({ width: variant.width })
    .output({ format: contentType, quality: quality[variant.format] })
  const bytes = new Uint8Array(await output.response().arrayBuffer())
  // Checked as an upload is: a copy of another type or width would be offered under a false srcset entry.
  const size = sniffImageType(bytes) === contentType ? readImageSize(bytes, contentType) : null
  if (size?.width !== variant.width)
    throw new Error(`made ${size ? `${size.width} px wide` : 'an unreadable file'} instead of ${variant.width} px ${variant.format}`)
  if (isLate()) return null
  const sha256 = toHex(await crypto.subtle.digest('SHA-256', bytes))
  await bucket.put(variantKey(original.hash, variant), bytes, { httpMetadata: { contentType }, sha256 })
  return { ...variant, byteSize: bytes.length }
}

/**
 * Makes, with the Images binding, the copies of an image that `have` lacks
 * and stores each in R2 beside the original (`<hash>/<width>.<format>`).
 * Returns those stored. A copy that fails, or is not done within the time
 * budget, is logged and left out: the page then offers fewer sizes, or the
 * original alone, and uploading the same file again makes what is missing.
 */
export async function makeVariants(
  transforms: ImagesBinding,
  bucket: R2Bucket,
  original: Original,
  have: readonly ImageVariant[],
  timeBudgetMs = variantTimeBudgetMs,
): Promise<ImageVariant[]> {
  const missing = plannedVariants(original.width).filter((planned) => !have.some((made) => made.width === planned.width && made.format === planned.format))
  let late = false
  const { promise: deadline, resolve: endWaiting } = Promise.withResolvers<null>()
  const timer = setTimeout(() => {
    late = true
    endWaiting(null)
  }, timeBudgetMs)
  const made = await Promise.all(
    missing.map((variant) =>
      Promise.race([
        makeVariant(transforms, bucket, original, variant, () => late).catch((error: unknown) => {
          logEvent('error', 'image_variant_failed', { hash: original.hash, width: variant.width, format: variant.format, error: describeError(error) })
          return null
        }),
        deadline,
      ]),
    ),
  )
  clearTimeout(timer)
  if (late) logEvent('warn', 'image_variants_late', { hash: original.hash, budgetMs: timeBudgetMs })
  return made.filter((variant) => variant !== null)
}
