import type { Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { currentSettings } from '../settings'
import { findImages } from './store/article-images'
import { storeRenderedHtml } from './store/articles'
import type { ArticleRow } from './store/schema'

/**
 * The renderer that made an article's stored HTML. Bump it with any change to
 * what src/features/articles/markdown.ts makes of a text (or to the site's
 * address in src/config.ts, which decides which links are external): each
 * article is then rendered again, once, at its first view after the deploy.
 */
export const rendererVersion = 2

/** An article's HTML as stored beside its text: both null when the renderer refuses the text. */
type RenderedHtml = Pick<ArticleRow, 'renderedHtml' | 'rendererVersion'>

type Rendering = { problem: string } | { imageHashes: string[]; html?: { key: string; text: string } }

/** Texts kept rendered in this isolate: each at most 200,000 characters, so a few MB at most. */
const maxTexts = 32
const renderings = new Map<string, Rendering>()

async function digestOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The rendering kept for this text, most recently used last, the least recently used dropped past `maxTexts`. */
function keep(key: string, rendering: Rendering): Rendering {
  renderings.delete(key)
  renderings.set(key, rendering)
  if (renderings.size > maxTexts) renderings.delete(renderings.keys().next().value!)
  return rendering
}

/**
 * An article's Markdown as HTML, or what keeps it from being shown (for the
 * practitioner). Each text is read and rendered once in this isolate, keyed by
 * its hash, so a text refused once costs one lookup when it is asked for again;
 * it is rendered again only when the sizes or copies of its images or the site's address
 * (links to it are not marked external) change. The Markdown renderer is
 * loaded here, on first use, so an isolate that only serves stored HTML never
 * evaluates it.
 */
export async function renderArticleBody(db: Db, markdown: string): Promise<{ ok: true; html: string } | { ok: false; problem: string }> {
  const { checkArticleMarkdown, renderArticleHtml } = await import('./markdown')
  const textKey = await digestOf(markdown)
  const rendering = keep(textKey, renderings.get(textKey) ?? readText(markdown, checkArticleMarkdown))
  if ('problem' in rendering) return { ok: false, problem: rendering.problem }
  const images = await findImages(db, rendering.imageHashes)
  const key = [
    currentSettings().siteUrl,
    ...[...images.values()]
      .map(({ hash, width, height, variants }) => `${hash}:${width}x${height}:${variants.map((v) => `${v.width}.${v.format}`).join(',')}`)
      .sort(),
  ].join(' ')
  try {
    if (rendering.html?.key !== key) rendering.html = { key, text: renderArticleHtml(markdown, images) }
    return { ok: true, html: rendering.html.text }
  } catch (error) {
    const { problem } = failed(error)
    keep(textKey, { problem })
    return { ok: false, problem }
  }
}

/** What a write stores beside the text: its HTML by this renderer, or nulls for a text the renderer refuses. */
export async function renderForStorage(db: Db, markdown: string): Promise<RenderedHtml> {
  const body = await renderArticleBody(db, markdown)
  return body.ok ? { renderedHtml: body.html, rendererVersion } : { renderedHtml: null, rendererVersion: null }
}

/**
 * The article's body as HTML for a page: the stored HTML when this renderer
 * made it, with no Markdown read at all. Otherwise (a row from before the
 * column, imported, or rendered by another version) it is rendered from the
 * Markdown and stored for the next view, unless the text moved on meanwhile
 * or a newer renderer already stored its own.
 */
export async function articleHtml(
  db: Db,
  row: Pick<ArticleRow, 'id' | 'revision' | 'body' | 'renderedHtml' | 'rendererVersion'>,
): Promise<{ ok: true; html: string } | { ok: false; problem: string }> {
  if (row.renderedHtml !== null && row.rendererVersion === rendererVersion) return { ok: true, html: row.renderedHtml }
  const body = await renderArticleBody(db, row.body)
  if (body.ok) await storeRenderedHtml(db, row, { renderedHtml: body.html, rendererVersion })
  return body
}

function readText(markdown: string, checkArticleMarkdown: typeof import('./markdown')['checkArticleMarkdown']): Rendering {
  try {
    const checked = checkArticleMarkdown(markdown)
    return checked.ok ? { imageHashes: checked.imageHashes } : { problem: checked.problem }
  } catch (error) {
    return failed(error)
  }
}

/** A text marked's own checks missed (such as its stack running out) fails for its own article only, once. */
function failed(error: unknown): { problem: string } {
  logEvent('error', 'markdown_render_failed', { error: describeError(error) })
  return { problem: 'Simplify its formatting: fewer nested quotes, lists, links or emphasis' }
}
