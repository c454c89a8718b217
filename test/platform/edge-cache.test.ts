import { createExecutionContext } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { cacheTags, purgeCacheTags } from '../../src/platform/edge-cache'
import { wrapBinding } from '../helpers/bindings'

/** The test run's real execution context with a recording cache on it, as production has when Workers Cache is on. */
function contextWithCache(purge: CacheContext['purge']) {
  const calls: CachePurgeOptions[] = []
  const cache: CacheContext = {
    purge: (options) => {
      calls.push(options)
      return purge(options)
    },
    invalidate: () => Promise.reject(new Error('not used')),
  }
  return { ctx: wrapBinding(createExecutionContext(), { cache }), calls }
}

const warnings = () => vi.spyOn(console, 'warn').mockImplementation(() => {})

describe('purging the edge cache by tag', () => {
  it('names one tag per article and one for every page that lists articles', () => {
    expect(cacheTags.article('low-back-pain')).toBe('article:low-back-pain')
    expect(cacheTags.article('a')).not.toBe(cacheTags.article('b'))
    expect(cacheTags.articleLists).toMatch(/^[\x21-\x7e]+$/)
  })

  it('purges the tags it is given', async () => {
    const { ctx, calls } = contextWithCache(async () => ({ success: true, errors: [] }))
    await purgeCacheTags(ctx, [cacheTags.article('old-slug'), cacheTags.article('new-slug'), cacheTags.articleLists])
    expect(calls).toEqual([{ tags: ['article:old-slug', 'article:new-slug', cacheTags.articleLists] }])
  })

  it('does nothing without a cache (wrangler dev, tests) or without tags', async () => {
    await expect(purgeCacheTags(createExecutionContext(), [cacheTags.articleLists])).resolves.toBeUndefined()
    const { ctx, calls } = contextWithCache(async () => ({ success: true, errors: [] }))
    await purgeCacheTags(ctx, [])
    expect(calls).toEqual([])
  })

  it('logs a refused purge with its error codes and never throws', async () => {
    const log = warnings()
    const { ctx } = contextWithCache(async () => ({ success: false, errors: [{ code: 1134, message: 'rate limited' }] }))
    await expect(purgeCacheTags(ctx, [cacheTags.articleLists])).resolves.toBeUndefined()
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toEqual({ event: 'edge_cache_purge_refused', tags: 1, errors: '1134' })
    log.mockRestore()
  })

  it('logs a purge that throws and never throws itself', async () => {
    const log = warnings()
    const { ctx } = contextWithCache(() => Promise.reject(new Error('purge unavailable')))
    await expect(purgeCacheTags(ctx, [cacheTags.article('x'), cacheTags.articleLists])).resolves.toBeUndefined()
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({ event: 'edge_cache_purge_failed', tags: 2 })
    log.mockRestore()
  })
})
