/** The image formats an article may carry, with the extension each is stored and served under. */
const imageFormats = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
} as const

export type ImageContentType = keyof typeof imageFormats
export type ImageExtension = (typeof imageFormats)[ImageContentType]

const namePattern = /^([0-9a-f]{64})\.(jpg|png|webp|avif)$/

/** The public path of a stored image, e.g. `/images/<sha-256>.png`. */
export const imagePath = (hash: string, contentType: ImageContentType) => `/images/${imageKey(hash, contentType)}`

/** The R2 key of an image: its hash and extension. */
export const imageKey = (hash: string, contentType: ImageContentType) => `${hash}.${imageFormats[contentType]}`

/** The hash and extension in an image file name like `<sha-256>.webp`, or null for anything else. */
export function parseImageName(name: string): { hash: string; extension: ImageExtension } | null {
  const match = namePattern.exec(name)
  return match ? { hash: match[1]!, extension: match[2] as ImageExtension } : null
}

/** The hash of an image referenced by its site path (`/images/<hash>.<ext>`), or null. */
export function parseImagePath(path: string): string | null {
  return path.startsWith('/images/') ? (parseImageName(path.slice('/images/'.length))?.hash ?? null) : null
}

/** The Markdown that shows an image, its alt text escaped so brackets cannot end it early. */
export const imageMarkdown = (image: { hash: string; contentType: ImageContentType; alt: string }) =>
  `![${image.alt.replace(/[\\[\]]/g, '\\$&')}](${imagePath(image.hash, image.contentType)})`

/** The formats of the smaller copies made at upload, most compact first: the order pages offer them in. */
export const variantFormats = { avif: 'image/avif', webp: 'image/webp' } as const

export type VariantFormat = keyof typeof variantFormats

/** The R2 key of an image's copy at a width: `<hash>/<width>.<format>`, beside the original. */
export const variantKey = (hash: string, variant: { width: number; format: VariantFormat }) => `${hash}/${variant.width}.${variant.format}`

/** The public path of an image's copy at a width, e.g. `/images/<sha-256>/720.avif`. */
export const variantPath = (hash: string, variant: { width: number; format: VariantFormat }) => `/images/${variantKey(hash, variant)}`

const variantNamePattern = /^([1-9][0-9]{0,4})\.(avif|webp)$/

/** Width and format in a copy's file name like `720.avif`, or null for anything else. */
export function parseVariantName(name: string): { width: number; format: VariantFormat } | null {
  const match = variantNamePattern.exec(name)
  return match ? { width: Number(match[1]), format: match[2] as VariantFormat } : null
}
