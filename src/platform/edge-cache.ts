import { describeError, logEvent } from './log'

/** Cache-Tag values: one per article page, one for every page that lists articles (index, home, sitemap, feed). */
export const cacheTags = {
  article: (slug: string) => `article:${slug}`,
  articleLists: 'article-lists',
} as const

/**
 * Purges tagged pages from Cloudflare's Workers Cache in front of the Worker.
 * `ctx.cache` exists only where the cache is enabled (not in `wrangler dev` or
 * tests, where purging reports an error), so a missing cache or a failed purge
 * is logged and never fails the write that caused it: the content version in
 * D1 still refreshes every isolate's own page cache, and the edge copies
 * expire by their own short max-age.
 */
export async function purgeCacheTags(ctx: Pick<ExecutionContext, 'cache'>, tags: readonly string[]): Promise<void> {
  if (!ctx.cache || tags.length === 0) return
  try {
    const result = await ctx.cache.purge({ tags: [...tags] })
    if (!result.success) logEvent('warn', 'edge_cache_purge_refused', { tags: tags.length, errors: result.errors.map((error) => error.code).join(',') })
  } catch (error) {
    logEvent('warn', 'edge_cache_purge_failed', { tags: tags.length, error: describeError(error) })
  }
}
