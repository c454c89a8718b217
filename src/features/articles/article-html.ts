import type { Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { currentSettings } from '../settings'
import { checkArticleMarkdown, renderArticleHtml } from './markdown'
import { findImages } from './store/article-images'

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
 * its hash, so a shared preview or an article requested again costs one image
 * lookup; it is rendered again only when the sizes of its images or the
 * site's address (links to it are not marked external) change.
 */
export async function renderArticleBody(db: Db, markdown: string): Promise<{ ok: true; html: string } | { ok: false; problem: string }> {
  const textKey = await digestOf(markdown)
  const rendering = keep(textKey, renderings.get(textKey) ?? readText(markdown))
  if ('problem' in rendering) return { ok: false, problem: rendering.problem }
  const images = await findImages(db, rendering.imageHashes)
  const key = [currentSettings().siteUrl, ...[...images.values()].map(({ hash, width, height }) => `${hash}:${width}x${height}`).sort()].join(' ')
  try {
    if (rendering.html?.key !== key) rendering.html = { key, text: renderArticleHtml(markdown, images) }
    return { ok: true, html: rendering.html.text }
  } catch (error) {
    const { problem } = failed(error)
    keep(textKey, { problem })
    return { ok: false, problem }
  }
}

function readText(markdown: string): Rendering {
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
