import type { RawFields } from '../../../platform/form-body'
import { slugPattern } from '../../articles'

/** The hidden field that carries the source article through a form shown again (422, 503). */
export const sourceArticleField = 'sourceArticle'

const articlePath = /^\/articles\/([^/]+)$/

const asSlug = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= 120 && slugPattern.test(value) ? value : undefined)

/**
 * The article a form was sent from, shaped like a slug but not yet checked
 * against the articles: the hidden field (the contact form shown again, or
 * the booking's details step, which the booking pages' `from` leads to), else
 * the `from` of the form's own address in a same-site Referer
 * (`/book?from=slug`, the article's link), else a same-site Referer naming an
 * article page. The contact page itself never carries it, so it stays the
 * same for every reader.
 *
 * @example sourceCandidate({}, 'https://clinic.example/book?from=sleep', 'https://clinic.example/book') // 'sleep'
 */
export function sourceCandidate(fields: RawFields, referer: string | undefined, formUrl: string): string | undefined {
  const carried = asSlug(fields[sourceArticleField])
  if (carried) return carried
  if (!referer || !URL.canParse(referer)) return undefined
  const from = new URL(referer)
  const form = new URL(formUrl)
  if (from.origin !== form.origin) return undefined
  if (from.pathname === form.pathname) return asSlug(from.searchParams.get('from'))
  return asSlug(articlePath.exec(from.pathname)?.[1])
}
