import { env } from 'cloudflare:workers'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createViewCounter } from '../../../src/features/insight/counter'
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

const newCounter = () => createViewCounter({ uncountedCookies: ['clinic_uncounted'] })

const reader = (index: number) =>
  new Request('https://clinic.example.com/articles', {
    headers: { 'CF-Connecting-IP': `10.0.${index >> 8}.${index & 255}`, 'User-Agent': 'Mozilla/5.0 Firefox/133.0' },
  })

describe('the view counter', () => {
  it('writes a burst of 1,000 views as one batch, with the first view once the interval has passed', async () => {
    const { db, batches } = recordingDb()
    const counter = newCounter()
    const now = new Date('2031-04-02T18:00:00Z')
    const work: Promise<unknown>[] = []
    const at = (instant: Date) => ({
      db,
      now: instant,
      timeZone,
      readerSecret: env.READER_HASH_SECRET,
      waitUntil: (promise: Promise<unknown>) => void work.push(promise),
    })
    for (let index = 0; index < 1000; index++) counter.count(reader(index), new Response('ok'), at(now))
    counter.count(reader(1000), new Response('ok'), at(new Date(now.getTime() + 4_999)))
    await Promise.all(work.splice(0))
    // Nothing is written within the interval, and the day's salt is never read from or written to D1.
    expect(batches).toHaveLength(0)
    expect(await db.select().from(pageViews).where(eq(pageViews.day, '2031-04-02'))).toEqual([])
    counter.count(reader(1001), new Response('ok'), at(new Date(now.getTime() + 5_000)))
    while (work.length > 0) await Promise.all(work.splice(0))
    expect(batches).toHaveLength(1)
    const [row] = await db.select().from(pageViews).where(eq(pageViews.day, '2031-04-02'))
    expect(row).toMatchObject({ path: '/articles', views: 1002 })
    const [marks] = await db.select({ count: sql<number>`count(*)` }).from(readerMarks).where(eq(readerMarks.day, '2031-04-02'))
    expect(marks!.count).toBe(1002)
    // The write starts the next interval.
    counter.count(reader(1002), new Response('ok'), at(new Date(now.getTime() + 9_999)))
    while (work.length > 0) await Promise.all(work.splice(0))
    expect(batches).toHaveLength(1)
  })

  it('writes a lone view on the next request of any kind once the interval has passed, not only on another view', async () => {
    const { db, batches } = recordingDb()
    const counter = newCounter()
    const now = new Date('2031-05-06T18:00:00Z')
    const work: Promise<unknown>[] = []
    const at = (ms: number) => ({
      db,
      now: new Date(now.getTime() + ms),
      timeZone,
      readerSecret: env.READER_HASH_SECRET,
      waitUntil: (promise: Promise<unknown>) => void work.push(promise),
    })
    const inbox = () => new Request('https://clinic.example.com/admin/insight')
    counter.count(reader(1), new Response('ok'), at(0))
    while (work.length > 0) await Promise.all(work.splice(0))
    counter.count(inbox(), new Response('ok'), at(4_999))
    expect(work).toHaveLength(0)
    counter.count(inbox(), new Response('ok'), at(5_000))
    while (work.length > 0) await Promise.all(work.splice(0))
    const [row] = await db.select().from(pageViews).where(eq(pageViews.day, '2031-05-06'))
    expect(row).toMatchObject({ path: '/articles', views: 1 })
    // Nothing gathered since: a later request writes nothing.
    const written = batches.length
    counter.count(inbox(), new Response('ok'), at(20_000))
    while (work.length > 0) await Promise.all(work.splice(0))
    expect(batches).toHaveLength(written)
  })

  it('counts views on each side of the clinic’s midnight under their own day', async () => {
    const { db } = recordingDb()
    const counter = newCounter()
    const work: Promise<unknown>[] = []
    const at = (instant: string) => ({
      db,
      now: new Date(instant),
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
    const now = new Date('2031-06-02T18:00:00Z')
    const work: Promise<unknown>[] = []
    const context = { db, now, timeZone, readerSecret: env.READER_HASH_SECRET, waitUntil: (promise: Promise<unknown>) => void work.push(promise) }
    counter.count(reader(1), new Response('gone', { status: 404 }), context)
    counter.count(reader(2), Promise.resolve(new Response(null, { status: 304 })), context)
    counter.count(reader(3), Promise.reject(new Error('render failed')), context)
    await Promise.all(work)
    await counter.flush(db)
    expect(await db.select().from(pageViews).where(eq(pageViews.day, '2031-06-02'))).toEqual([])
  })
})
