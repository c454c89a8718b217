/**
 * A booking page's address, keeping the article the patient came from
 * (`source`): the pages are private, and the booking made at the end of the
 * steps still names it. Not `from`, the article's own link, which insight
 * counts as one opening of the booking page, not one per step.
 *
 * @example bookLink({ treatment: 'back-pain', week: '2045-01-09' }, 'sleep') // '/book?treatment=back-pain&week=2045-01-09&source=sleep'
 */
export function bookLink(params: Record<string, string>, source: string | undefined, path = '/book'): string {
  const query = Object.entries(source ? { ...params, source } : params).map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
  return query.length > 0 ? `${path}?${query.join('&')}` : path
}
