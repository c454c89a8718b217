import { env } from 'cloudflare:workers'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createViewCounter } from '../../../src/features/insight/counter'
import { dayKeyOf, markOf } from '../../../src/features/insight/reader'
import { pageViews, readerMarks } from '../../../src/features/insight/store/schema'
import { createDb } from '../../../src/platform/database'
import { wrapBinding } from '../../helpers/bindings'

const timeZone = 'America/Los_Angeles'

/** The real D1 binding, recording each batch it is sent. */
function recordingDb() {
  const batches: number[] = []
  const binding = wrapBinding(env.DB, {
    batch: (statements) => {
      batches.push(statements.length)
      return env.DB.batch(statements)
    },
  })
  return { db: createDb(binding), batches }
}

// Short, so the tests wait little; the Worker's own counter waits its default (test/features/insight/worker-counting.test.ts).
const gatherMs = 50
const newCounter = () => createViewCounter({ uncountedCookies: ['clinic_uncounted'], gatherMs })

const reader = (index: number, path = '/articles') =>
  new Request(`https://clinic.example.com${path}`, {
    headers: { 'CF-Connecting-IP': `10.0.${index >> 8}.${index & 255}`, 'User-Agent': 'Mozilla/5.0 Firefox/133.0' },
  })

/** One request's context: what it hands to `waitUntil` is kept, as the runtime would keep it, for the test to await. */
function requestContext(db: ReturnType<typeof recordingDb>['db'], now: Date) {
  const waitUntils: Promise<unknown>[] = []
  return {
    waitUntils,
    context: {
      db,
      now: now.getTime(),
      timeZone,
      readerSecret: env.READER_HASH_SECRET,
      waitUntil: (promise: Promise<unknown>) => void waitUntils.push(promise),
    },
  }
}

/** Awaits a request's waitUntil work until it hands over no more. */
async function settle(waitUntils: Promise<unknown>[]) {
  for (let done = 0; done < waitUntils.length; ) {
    const handedOver = waitUntils.length
    await Promise.all(waitUntils.slice(done, handedOver))
    done = handedOver
  }
}

describe('the view counter', () => {
  it('writes a lone view in its own request’s waitUntil after the gathering wait, with no later request', async () => {
    const { db, batches } = recordingDb()
    const counter = newCounter()
    const { waitUntils, context } = requestContext(db, new Date('2031-05-06T18:00:00Z'))
    counter.count(reader(1), new Response('ok'), context)
    await waitUntils[0]
    // The view is gathered, and its request holds the write it waits for.
    expect(waitUntils).toHaveLength(2)
    expect(batches).toHaveLength(0)
    await settle(waitUntils)
    expect(batches).toHaveLength(1)
    const [row] = await db.select().from(pageViews).where(eq(pageViews.day, '2031-05-06'))
    expect(row).toMatchObject({ path: '/articles', views: 1 })
  })

  it('writes a burst of 1,000 views as one batch of one statement per page, held by the first view’s request alone', async () => {
    const { db, batches } = recordingDb()
    const counter = newCounter()
    const now = new Date('2031-04-02T18:00:00Z')
    const requests = Array.from({ length: 1000 }, (_, index) => {
      const request = requestContext(db, new Date(now.getTime() + index))
      counter.count(reader(index, index % 2 === 0 ? '/articles' : '/'), new Response('ok'), request.context)
      return request
    })
    await Promise.all(requests.map(({ waitUntils }) => waitUntils[0]))
    expect(requests.map(({ waitUntils }) => waitUntils.length)).toEqual([2, ...Array.from({ length: 999 }, () => 1)])
    await Promise.all(requests.map(({ waitUntils }) => settle(waitUntils)))
    // Two pages' views, 1,000 marks in statements of 33, and the rolled-up marks' delete: the day's salt is never read from or written to D1.
    expect(batches).toEqual([2 + Math.ceil(1000 / 33) + 1])
    const rows = await db.select({ path: pageViews.path, views: pageViews.views }).from(pageViews).where(eq(pageViews.day, '2031-04-02'))
    expect(rows.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '/', views: 500 },
      { path: '/articles', views: 500 },
    ])
    const [marks] = await db.select({ count: sql<number>`count(*)` }).from(readerMarks).where(eq(readerMarks.day, '2031-04-02'))
    expect(marks!.count).toBe(1000)
    // A view after the write opens the next one, in its own request.
    const later = requestContext(db, new Date(now.getTime() + 5_000))
    counter.count(reader(1000), new Response('ok'), later.context)
    await settle(later.waitUntils)
    // Counted at once with the day's key known: its only promise is the write it opens.
    expect(later.waitUntils).toHaveLength(1)
    expect(batches).toHaveLength(2)
  })

  it('counts a page already in hand at once, handing nothing to waitUntil but the write it opens, once the day’s key is known', async () => {
    const { db, batches } = recordingDb()
    const counter = newCounter()
    const now = new Date('2031-09-09T18:00:00Z')
    const first = requestContext(db, now)
    counter.count(reader(1), new Response('ok'), first.context)
    await settle(first.waitUntils)
    const cached = Array.from({ length: 20 }, (_, index) => {
      const request = requestContext(db, new Date(now.getTime() + 2_000 + index))
      counter.count(reader(index + 2), new Response('ok'), request.context)
      return request
    })
    // The first of them opens the next write; the other 19 cost no promise of their own.
    expect(cached.map(({ waitUntils }) => waitUntils.length)).toEqual([1, ...Array.from({ length: 19 }, () => 0)])
    const notFound = requestContext(db, new Date(now.getTime() + 2_100))
    counter.count(reader(99), new Response('gone', { status: 404 }), notFound.context)
    expect(notFound.waitUntils).toHaveLength(0)
    await settle(cached[0]!.waitUntils)
    expect(batches).toHaveLength(2)
    const [row] = await db.select().from(pageViews).where(eq(pageViews.day, '2031-09-09'))
    expect(row).toMatchObject({ path: '/articles', views: 21 })
    const [marks] = await db.select({ count: sql<number>`count(*)` }).from(readerMarks).where(eq(readerMarks.day, '2031-09-09'))
    expect(marks!.count).toBe(21)
  })

  it('marks one reader the same on every page of the day, whether the mark is computed or remembered', async () => {
    const { db } = recordingDb()
    const counter = newCounter()
    const now = new Date('2031-10-14T18:00:00Z')
    for (const [index, path] of ['/articles', '/', '/articles'].entries()) {
      const { waitUntils, context } = requestContext(db, new Date(now.getTime() + index))
      counter.count(reader(7, path), new Response('ok'), context)
      await settle(waitUntils)
    }
    const expected = markOf(await dayKeyOf(env.READER_HASH_SECRET, '2031-10-14'), '10.0.0.7', 'Mozilla/5.0 Firefox/133.0')
    const marks = await db.select({ path: readerMarks.path, hash: readerMarks.hash }).from(readerMarks).where(eq(readerMarks.day, '2031-10-14'))
    expect(marks.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '/', hash: expected },
      { path: '/articles', hash: expected },
    ])
  })

  it('ends the pending write’s wait when the isolate’s views are flushed, writing them once', async () => {
    const { db, batches } = recordingDb()
    const counter = newCounter()
    const { waitUntils, context } = requestContext(db, new Date('2031-08-04T18:00:00Z'))
    counter.count(reader(1), new Response('ok'), context)
    await waitUntils[0]
    await counter.flush(db)
    await settle(waitUntils)
    await new Promise((resolve) => setTimeout(resolve, gatherMs * 2))
    expect(batches).toHaveLength(1)
    const [row] = await db.select().from(pageViews).where(eq(pageViews.day, '2031-08-04'))
    expect(row).toMatchObject({ path: '/articles', views: 1 })
  })

  it('counts views on each side of the clinic’s midnight under their own day', async () => {
    const { db } = recordingDb()
    const counter = newCounter()
    const work: Promise<unknown>[] = []
    const at = (instant: string) => ({
      db,
      now: Date.parse(instant),
      timeZone,
      readerSecret: env.READER_HASH_SECRET,
      waitUntil: (promise: Promise<unknown>) => void work.push(promise),
    })
    // 23:59:50 and 00:00:05 in Los Angeles (PDT), fifteen seconds and one minute boundary apart.
    counter.count(reader(1), new Response('ok'), at('2031-07-03T06:59:50Z'))
    counter.count(reader(1), new Response('ok'), at('2031-07-03T07:00:05Z'))
    await Promise.all(work.splice(0, 2))
    await counter.flush(db)
    const rows = await db.select({ day: pageViews.day, views: pageViews.views }).from(pageViews).where(sql`${pageViews.day} in ('2031-07-02', '2031-07-03')`)
    expect(rows.sort((a, b) => a.day.localeCompare(b.day))).toEqual([
      { day: '2031-07-02', views: 1 },
      { day: '2031-07-03', views: 1 },
    ])
  })

  it('counts only a 200 answer', async () => {
    const { db } = recordingDb()
    const counter = newCounter()
    const now = Date.parse('2031-06-02T18:00:00Z')
    const work: Promise<unknown>[] = []
    const context = { db, now, timeZone, readerSecret: env.READER_HASH_SECRET, waitUntil: (promise: Promise<unknown>) => void work.push(promise) }
    counter.count(reader(1), new Response('gone', { status: 404 }), context)
    counter.count(reader(2), Promise.resolve(new Response(null, { status: 304 })), context)
    counter.count(reader(3), Promise.reject(new Error('render failed')), context)
    await Promise.all(work)
    // Nothing counted, so no write is waited for; the 404 in hand costs no promise at all.
    expect(work).toHaveLength(2)
    await counter.flush(db)
    expect(await db.select().from(pageViews).where(eq(pageViews.day, '2031-06-02'))).toEqual([])
  })
})

describe('a write that never settles', () => {
  it('is waited for only so long: the views gathered after it are still written', async () => {
    const stuck = createDb(wrapBinding(env.DB, { batch: () => new Promise<never>(() => {}) }))
    const { db } = recordingDb()
    const counter = createViewCounter({ uncountedCookies: [], gatherMs, writeWaitMs: 100 })
    const now = new Date('2031-05-06T17:00:00Z')
    const path = `/articles/stuck-${crypto.randomUUID().slice(0, 8)}`
    const first = requestContext(stuck, now)
    counter.count(reader(1, path), new Response('ok'), first.context)
    await Promise.all(first.waitUntils)
    // The write through the stuck binding started and never settles; the next write goes ahead anyway.
    await counter.flush(stuck)
    const second = requestContext(db, now)
    counter.count(reader(2, path), new Response('ok'), second.context)
    await Promise.all(second.waitUntils)
    await counter.flush(db)
    const [row] = await createDb(env.DB)
      .select({ views: sql<number>`coalesce(sum(${pageViews.views}), 0)` })
      .from(pageViews)
      .where(eq(pageViews.path, path))
    expect(row!.views).toBe(1)
  })
})
