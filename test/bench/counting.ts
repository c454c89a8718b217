import type { Miniflare } from 'miniflare'
import { get200 } from './http.ts'
import type { BenchTarget } from './servers.ts'

/** The Worker that counts D1 batches, with a D1 of its own so only its views are summed. */
export const batchesWorker = 'batches'
export const batchesDatabase = 'bench-counted'

/** The article with counting off, and with counting on and its D1 batches counted; both beside the real bundle. */
export function countingTargets(url: (name: string) => Promise<string>, runtime: string, serverPid: number | undefined): Promise<BenchTarget[]> {
  return Promise.all([
    url('uncounted').then((target) => ({
      id: 'cached-uncounted',
      label: 'article (page cache, counting off)',
      runtime,
      url: target,
      serverPid,
      minRatio: 0.9,
      how: "test/bench/uncounted-entry.tsx: src/worker.ts's fetch without the view counting, bundled by esbuild; the same page cache hits",
    })),
    url(batchesWorker).then((target) => ({
      id: batchesWorker,
      label: 'article (page cache, D1 batches counted)',
      runtime,
      url: target,
      serverPid,
      how: "test/bench/batches-entry.tsx: the site's handler with its D1 binding wrapped to count batches; every request is a counted view",
    })),
  ])
}

/** D1 batches the counting Worker sent and the views it wrote, read once its last write (a second after the load) is in. */
export async function readBatchesPerViews(miniflare: Miniflare, url: string): Promise<{ batches: number; views: number }> {
  await new Promise((resolve) => setTimeout(resolve, 6_000))
  const { batches } = JSON.parse((await get200(`${new URL(url).origin}/__bench/d1-batches`)).body.toString('utf8')) as { batches: number }
  const db = await miniflare.getD1Database('DB', batchesWorker)
  const row = await db.prepare('select coalesce(sum(views), 0) as views from page_views').first<{ views: number }>()
  return { batches, views: row?.views ?? 0 }
}
