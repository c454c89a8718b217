import { Marked } from 'marked'
import { parseArticleFile, type Frontmatter } from './frontmatter'
import lowBackPainRelief from './articles/low-back-pain-relief-acupuncture.md'

/** Each article's URL slug and its Markdown source; add new articles here. */
const sources: Record<string, string> = {
  'low-back-pain-relief-acupuncture': lowBackPainRelief,
}

export interface Article extends Frontmatter {
  slug: string
  /** Last change: `updated` when given, else `published`. */
  modified: string
  readingMinutes: number
  wordCount: number
  markdown: string
}

const wordsPerMinute = 200
const markdown = new Marked({ gfm: true })

/** Words in a Markdown body and the minutes they take at 200 words a minute (never under one). */
export function readingTime(body: string): { wordCount: number; readingMinutes: number } {
  const wordCount = body.split(/\s+/).filter(Boolean).length
  return { wordCount, readingMinutes: Math.max(1, Math.round(wordCount / wordsPerMinute)) }
}

function toArticle(slug: string, source: string): Article {
  const { frontmatter, body } = parseArticleFile(`${slug}.md`, source)
  return {
    ...frontmatter,
    slug,
    modified: frontmatter.updated ?? frontmatter.published,
    ...readingTime(body),
    markdown: body,
  }
}

/** Articles newest first; those published the same day by slug, so the order never depends on the registry's. */
export const sortNewestFirst = <T extends Pick<Article, 'published' | 'slug'>>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => b.published.localeCompare(a.published) || a.slug.localeCompare(b.slug))

/** Every article, newest first. */
export const articles: readonly Article[] = sortNewestFirst(Object.entries(sources).map(([slug, source]) => toArticle(slug, source)))

const bySlug = new Map(articles.map((article) => [article.slug, article]))

export const findArticle = (slug: string): Article | undefined => bySlug.get(slug)

const htmlByArticle = new WeakMap<Article, string>()

/**
 * The article body as HTML, converted once per isolate: the source is a
 * bundled file, so it cannot change while the isolate lives. Markdown comes
 * only from files in this repository.
 */
export function renderArticleHtml(article: Article): string {
  let html = htmlByArticle.get(article)
  if (html === undefined) {
    html = markdown.parse(article.markdown, { async: false })
    htmlByArticle.set(article, html)
  }
  return html
}
