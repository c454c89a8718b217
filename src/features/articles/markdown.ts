import { Marked, Tokenizer, type Tokens } from 'marked'
import { describeError, logEvent } from '../../platform/log'
import { currentSettings } from '../settings'
import { parseImagePath, type VariantFormat, variantFormats, variantPath } from './images/formats'

interface ImageDimensions {
  width: number
  height: number
  /** Smaller copies stored beside the original (src/features/articles/images/variants.ts); none: the original alone. */
  variants?: readonly { width: number; format: VariantFormat }[]
}

/** The stored size (and copies) of each article image, by hash: a map from `findImages(db, hashes)` or any function. */
export type ImageLookup = ReadonlyMap<string, ImageDimensions> | ((hash: string) => ImageDimensions | undefined)

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const namedEntities: Record<string, string> = {
  amp: '&',
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  period: '.',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
}

/**
 * A link target as the browser will read it: Markdown passes entities through
 * unchanged (`&#106;avascript:`), and the href is written back fully escaped,
 * so what is checked here is exactly what the browser follows.
 */
const decodeEntities = (text: string) =>
  text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return namedEntities[name.toLowerCase()] ?? entity
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
  })

const allowedSchemes = new Set(['http', 'https', 'mailto', 'tel'])

/**
 * The URL's scheme with every space and control character removed (browsers
 * drop tabs and newlines anywhere in a URL), lower-cased; '' for a relative URL.
 */
function schemeOf(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these inside a URL, so they are stripped before the scheme is read
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  return /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase() ?? ''
}

/** The decoded URL if it is safe to link to (web, mail, phone or relative), else null. */
function safeUrl(href: string, schemes = allowedSchemes): string | null {
  const url = decodeEntities(href).trim()
  const scheme = schemeOf(url)
  return scheme === '' || schemes.has(scheme) ? url : null
}

/** Absolute or protocol-relative URLs to another host (a backslash counts as a slash, as browsers read it). */
function isExternal(url: string): boolean {
  const normalised = url.replace(/\\/g, '/')
  if (!/^(https?:)?\/\//i.test(normalised)) return false
  // A URL the browser cannot parse leads nowhere; counting it as external costs nothing.
  const { siteUrl } = currentSettings()
  return URL.parse(normalised, siteUrl)?.host !== new URL(siteUrl).host
}

const lookUp = (images: ImageLookup, hash: string) => (typeof images === 'function' ? images(hash) : images.get(hash))

const imageSources = new Set(['http', 'https'])

/**
 * The width an image shows at, for the browser to pick a copy before layout:
 * the article column (main's 46rem less its 1rem padding each side, or the
 * screen less that padding), or the image's own width when it is narrower.
 */
const columnPx = 44 * 16
const sizesFor = (width: number) => (width >= columnPx ? '(min-width: 46rem) 44rem, calc(100vw - 2rem)' : `min(${width}px, calc(100vw - 2rem))`)

/** One `<source>` a format, AVIF first: the browser takes the first type it can show, then the width its screen needs. */
function pictureSources(hash: string, width: number, variants: NonNullable<ImageDimensions['variants']>): string {
  const sizes = sizesFor(width)
  return (Object.keys(variantFormats) as VariantFormat[])
    .map((format) => {
      const srcset = variants
        .filter((variant) => variant.format === format)
        .toSorted((a, b) => a.width - b.width)
        .map((variant) => `${variantPath(hash, variant)} ${variant.width}w`)
        .join(', ')
      return srcset ? `<source type="${variantFormats[format]}" srcset="${srcset}" sizes="${sizes}">` : ''
    })
    .join('')
}

/** How deep quotes and lists may nest: more than any article needs, far less than exhausts the stack (2,000 did). */
export const maxNesting = 10
/**
 * Emphasis marks (runs of `*`, `_` or `~`) one paragraph and the whole text may
 * hold: marked matches each against those after it, so the time grows with
 * their square (`*a` 50,000 times took seconds). Escaped marks do not count.
 */
export const maxEmphasisRunsPerParagraph = 100
export const maxEmphasisRuns = 2_000

/** A text beyond the bounds above, refused before it costs more; `problem` is for the practitioner. */
class MarkdownTooComplex extends Error {
  constructor(readonly problem: string) {
    super(problem)
    this.name = 'MarkdownTooComplex'
  }
}

const emphasisProblem = `Too many emphasis marks (*, _ or ~): at most ${maxEmphasisRunsPerParagraph} in one paragraph and ${maxEmphasisRuns.toLocaleString('en')} in the whole text. Put a backslash before a mark meant literally (\\*)`

function refuseCostlyEmphasis(markdown: string): void {
  let total = 0
  // A blank line ends every paragraph, so a stretch between blank lines holds at least one paragraph's marks.
  for (const stretch of markdown.split(/\n[ \t]*\n/)) {
    const runs = stretch.match(/\\[\s\S]|\*+|_+|~+/g)?.filter((match) => !match.startsWith('\\')).length ?? 0
    total += runs
    if (runs > maxEmphasisRunsPerParagraph || total > maxEmphasisRuns) throw new MarkdownTooComplex(emphasisProblem)
  }
}

/** marked's own tokenizer, refusing a quote or list nested deeper than `maxNesting` before it recurses further. */
class NestingLimitedTokenizer extends Tokenizer {
  private depth = 0

  override blockquote(src: string) {
    return this.nest(() => super.blockquote(src))
  }

  override list(src: string) {
    return this.nest(() => super.list(src))
  }

  private nest<T>(tokenize: () => T): T {
    // Called for every block inside an open quote or list: past the limit, that block is too deep.
    if (this.depth > maxNesting) throw new MarkdownTooComplex(`Quotes and lists can be nested at most ${maxNesting} levels deep`)
    this.depth++
    try {
      return tokenize()
    } finally {
      this.depth--
    }
  }
}

/**
 * Article Markdown as HTML that is safe whoever wrote it: raw HTML is shown
 * as text, links and images with a script, `data:` or any other unexpected
 * scheme lose their target but keep their text, links to other sites get
 * `rel="noopener noreferrer"`, and the site's own images get their stored
 * width and height (no layout shift), their smaller AVIF and WebP copies in
 * a `<picture>` where they have some, and load lazily after the first.
 *
 * @example renderArticleHtml('![Needles](/images/<hash>.png)', await findImages(db, listImageHashes(body)))
 */
export function renderArticleHtml(markdown: string, images: ImageLookup): string {
  refuseCostlyEmphasis(markdown)
  let imagesSeen = 0
  const marked = new Marked({
    gfm: true,
    renderer: {
      html: ({ text, block }: Tokens.HTML | Tokens.Tag) => (block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text)),
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens)
        const url = safeUrl(href)
        if (url === null) return text
        const rel = isExternal(url) ? ' rel="noopener noreferrer"' : ''
        return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}${rel}>${text}</a>`
      },
      image({ href, title, text }: Tokens.Image) {
        const url = safeUrl(href, imageSources)
        if (url === null) return escapeHtml(text)
        const hash = parseImagePath(url)
        const size = hash ? lookUp(images, hash) : undefined
        const attributes = [`src="${escapeHtml(url)}"`, `alt="${escapeHtml(text)}"`]
        if (title) attributes.push(`title="${escapeHtml(title)}"`)
        if (size) attributes.push(`width="${size.width}"`, `height="${size.height}"`)
        const first = imagesSeen++ === 0
        if (!hash || !size?.variants?.length) {
          // The first image may be above the fold: it loads at once.
          if (!first) attributes.push('loading="lazy"', 'decoding="async"')
          return `<img ${attributes.join(' ')}>`
        }
        // The first image is likely the page's largest paint: fetched at once and early. The rest wait until near view.
        attributes.push(...(first ? ['loading="eager"', 'fetchpriority="high"'] : ['loading="lazy"', 'decoding="async"']))
        return `<picture>${pictureSources(hash, size.width, size.variants)}<img ${attributes.join(' ')}></picture>`
      },
    },
  })
  return marked.parse(markdown, { async: false, tokenizer: new NestingLimitedTokenizer() })
}

const lexer = new Marked({ gfm: true })

/**
 * The text read as the renderer reads it, within the same bounds: the hashes
 * of the site's own images (`/images/<hash>.<ext>`) it shows, each once, in
 * order; or, for a text the renderer refuses, what to change.
 */
export function checkArticleMarkdown(markdown: string): { ok: true; imageHashes: string[] } | { ok: false; problem: string } {
  const hashes = new Set<string>()
  try {
    refuseCostlyEmphasis(markdown)
    const tokens = lexer.lexer(markdown, { ...lexer.defaults, tokenizer: new NestingLimitedTokenizer() })
    lexer.walkTokens(tokens, (token) => {
      const hash = token.type === 'image' ? parseImagePath(decodeEntities((token as Tokens.Image).href).trim()) : null
      if (hash) hashes.add(hash)
    })
  } catch (error) {
    if (error instanceof MarkdownTooComplex) return { ok: false, problem: error.problem }
    throw error
  }
  return { ok: true, imageHashes: [...hashes] }
}

const imagePathPattern = /\/images\/[0-9a-f]{64}\.[a-z]+/g

/**
 * The hashes of the site's images a Markdown text shows, each once, in order.
 * For a text the renderer refuses or fails on, every image path it mentions:
 * it may be fixed to show them, so none of them counts as unused.
 */
export function listImageHashes(markdown: string): string[] {
  try {
    const checked = checkArticleMarkdown(markdown)
    if (checked.ok) return checked.imageHashes
  } catch (error) {
    logEvent('error', 'markdown_read_failed', { error: describeError(error) })
  }
  return [...new Set(Array.from(markdown.matchAll(imagePathPattern), ([path]) => parseImagePath(path)).filter((hash) => hash !== null))]
}
