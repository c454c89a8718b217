import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { articleFormValues } from '../../src/features/articles/article-input'
import { createFreshnessCheck } from '../../src/platform/freshness'
import worker, { crons } from '../../src/worker'
import { adminPost, signIn } from '../helpers/admin'
import { origin } from '../helpers/http'
import { readArticle, storeArticle } from '../helpers/publishing'
import { savePhoneElsewhere } from '../helpers/settings'

describe('the content version check', () => {
  it('reads at most once per interval, on the clock it is given', async () => {
    const readVersion = vi.fn(async () => 1)
    const freshness = createFreshnessCheck({ intervalMs: 5_000, boundMs: 10_000, onChange: () => {} })
    await freshness.check(1_000, readVersion)?.reading
    expect(freshness.check(5_999, readVersion)).toBeUndefined()
    expect(readVersion).toHaveBeenCalledTimes(1)
    await freshness.check(6_000, readVersion)?.reading
    expect(readVersion).toHaveBeenCalledTimes(2)
  })

  it('asks the answer to wait for the first reading and for one after the bound, not for one merely due', async () => {
    const freshness = createFreshnessCheck({ intervalMs: 5_000, boundMs: 10_000, onChange: () => {} })
    const first = freshness.check(0, async () => 1)
    expect(first?.overdue).toBe(true)
    await first?.reading
    expect(freshness.version()).toBe(1)
    const due = freshness.check(5_000, async () => 1)
    expect(due?.overdue).toBe(false)
    await due?.reading
    expect(freshness.check(9_999, async () => 1)).toBeUndefined()
    expect(freshness.check(15_000, async () => 2)?.overdue).toBe(true)
  })

  it('lets an overdue request wait for the reading under way', async () => {
    let finish: (version: number) => void = () => {}
    const freshness = createFreshnessCheck({ intervalMs: 5_000, boundMs: 10_000, onChange: () => {} })
    const first = freshness.check(0, () => new Promise((resolve) => (finish = resolve)))
    const joined = freshness.check(1, async () => 9)
    expect(joined).toEqual({ reading: first?.reading, overdue: true })
    finish(3)
    await joined?.reading
    expect(freshness.version()).toBe(3)
  })

  it('reports the first reading and each moved version, never an unchanged one, and waits for what it refreshes', async () => {
    const seen: number[] = []
    const freshness = createFreshnessCheck({
      intervalMs: 1,
      onChange: async (version) => {
        await Promise.resolve()
        seen.push(version)
      },
    })
    for (const [now, version] of [
      [10, 4],
      [20, 4],
      [30, 5],
      [40, 5],
    ] as const)
      await freshness.check(now, async () => version)?.reading
    expect(seen).toEqual([4, 5])
  })

  it('logs a failed reading without throwing, stays overdue and reads again next interval', async () => {
    const onChange = vi.fn()
    const log = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const freshness = createFreshnessCheck({ intervalMs: 5_000, onChange })
    await expect(freshness.check(0, () => Promise.reject(new Error('D1 unavailable')))?.reading).resolves.toBeUndefined()
    expect(log.mock.calls.flat().join(' ')).toContain('content_version_unread')
    expect(onChange).not.toHaveBeenCalled()
    expect(freshness.check(4_999, async () => 7)).toBeUndefined()
    const next = freshness.check(5_000, async () => 7)
    expect(next?.overdue).toBe(true)
    await next?.reading
    expect(onChange).toHaveBeenCalledTimes(1)
    log.mockRestore()
  })
})

/**
 * A request through the Worker's real fetch handler, with the clock at `at`;
 * what it left running after its answer (the version reading) finishes before
 * the next request, as it would in a quiet isolate.
 */
async function viewAt(path: string, at: number): Promise<string> {
  vi.setSystemTime(at)
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(new URL(path, origin)) as Request<unknown, IncomingRequestCfProperties>, env, ctx)
  const text = await response.text()
  await waitOnExecutionContext(ctx)
  return text
}

/** The scheduler's five-minute cron, through the Worker's real scheduled handler. */
async function runScheduler(at: number): Promise<void> {
  vi.setSystemTime(at)
  await worker.scheduled({ cron: crons.sweep, scheduledTime: at, noRetry: () => {} }, env)
}

// The freshness bound: the check reads the version once 5 s have passed, after that request's answer.
const interval = 5_000

// Each request here waits for all its work after the answer, the view counter's one-second gathering wait included.
describe('a change made elsewhere, seen through the Worker’s own page cache and freshness check', { timeout: 20_000 }, () => {
  // Always forward, past this file's earlier tests too, so every reading this isolate made before lies more than an interval behind.
  let start = 0
  beforeEach(() => {
    start = Math.max(Date.now(), start + interval) + 60_000
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('a settings save shows on the next request once the interval has passed, and the cache served the old page until then', async () => {
    const phone = `+1 555 01${String(Date.now() % 100_000).padStart(5, '0')}`
    await viewAt('/about', start)
    await viewAt('/about', start + 1)
    // Saved as another isolate would: the row, its change record and the content version, nothing in this one.
    const restore = await savePhoneElsewhere(phone, new Date(start + 2))
    expect(await viewAt('/about', start + 3)).not.toContain(phone)
    // This request starts the reading; its own answer was already on its way.
    expect(await viewAt('/about', start + interval)).not.toContain(phone)
    expect(await viewAt('/about', start + interval + 1)).toContain(phone)
    await restore(new Date(start + interval + 2))
  })

  it('an article the scheduler publishes joins the list on the next request once the interval has passed', async () => {
    const article = await storeArticle({ state: 'scheduled', publishAt: new Date(start) })
    await viewAt('/articles', start)
    expect(await viewAt('/articles', start + 1)).not.toContain(article.title)
    await runScheduler(start + 2)
    expect((await readArticle(article.id)).state).toBe('published')
    expect(await viewAt('/articles', start + 3)).not.toContain(article.title)
    expect(await viewAt('/articles', start + interval)).not.toContain(article.title)
    expect(await viewAt('/articles', start + interval + 1)).toContain(`>${article.title}<`)
  })

  it('an edit saved in the inbox shows on the article’s page on the next request once the interval has passed', async () => {
    const article = await storeArticle({ state: 'published', firstPublishedAt: new Date('2026-06-01T16:00:00Z') })
    const path = `/articles/${article.slug}`
    await viewAt(path, start)
    expect(await viewAt(path, start + 1)).toContain(`The end of ${article.slug}.`)
    const session = await signIn()
    const fields = { ...articleFormValues(article), revision: String(article.revision), body: 'A text edited in the inbox.' }
    expect((await adminPost(session, `/admin/articles/${article.id}`, fields)).status).toBe(303)
    expect(await viewAt(path, start + 3)).not.toContain('A text edited in the inbox.')
    expect(await viewAt(path, start + interval)).not.toContain('A text edited in the inbox.')
    expect(await viewAt(path, start + interval + 1)).toContain('A text edited in the inbox.')
  })

  it('the first request after an idle hour shows a settings save made during it, the location cache notwithstanding', async () => {
    const phone = `+1 555 02${String(Date.now() % 100_000).padStart(5, '0')}`
    await viewAt('/about', start)
    expect(await viewAt('/about', start + 1)).not.toContain(phone)
    const restore = await savePhoneElsewhere(phone, new Date(start + 2))
    expect(await viewAt('/about', start + 3_600_000)).toContain(phone)
    await restore(new Date(start + 3_600_001))
  })
})
