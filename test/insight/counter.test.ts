import { env } from 'cloudflare:workers'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { pageViews, readerMarks } from '../../src/db/schema'
import { createViewCounter } from '../../src/insight/counter'
import { wrapBinding } from '../helpers/bindings'

const timeZone = 'America/Los_Angeles'

/** The real D1 binding, recording each batch it is sent. */
function recordingDb() {
  const batches: number[] = []
  const binding = wrapBinding(env.DB, { batch: (statements) => (batches.push(statements.length), env.DB.batch(statements)) })
  return { db: createDb(binding), batches }
}

/** A counter whose timed write waits until the test releases it. */
function heldCounter() {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const waits: number[] = []
  const counter = createViewCounter({ sessionCookie: 'clinic_admin', wait: (ms) => (waits.push(ms), held) })
  return { counter, release, waits }
}

const reader = (index: number) => new Request('https://clinic.example.com/articles', { headers: { 'CF-Connecting-IP': `10.0.${index >> 8}.${index & 255}`, 'User-Agent': 'Mozilla/5.0 Firefox/133.0' } })

describe('the view counter', () => {
  it('writes a burst of 1,000 views as one batch, once the interval has passed', async () => {
    const { db, batches } = recordingDb()
    const { counter, release, waits } = heldCounter()
    const now = new Date('2031-04-02T18:00:00Z')
    const work: Promise<unknown>[] = []
    const context = { db, now, timeZone, waitUntil: (promise: Promise<unknown>) => void work.push(promise) }
    for (let index = 0; index < 1000; index++) counter.count(reader(index), new Response('ok'), context)
    await Promise.all(work.splice(0, 1000))
    // One write scheduled for the whole burst, waiting out the interval; the day's salt was the only batch so far.
    expect(waits).toEqual([5_000])
    expect(batches).toHaveLength(1)
    release()
    await Promise.all(work)
    expect(batches).toHaveLength(2)
    const [row] = await db.select().from(pageViews).where(eq(pageViews.day, '2031-04-02'))
    expect(row).toMatchObject({ path: '/articles', views: 1000 })
    const [marks] = await db.select({ count: sql<number>`count(*)` }).from(readerMarks).where(eq(readerMarks.day, '2031-04-02'))
    expect(marks!.count).toBe(1000)
  })

  it('writes nothing until the interval has passed', async () => {
    const { db, batches } = recordingDb()
    const { counter, release } = heldCounter()
    const now = new Date('2031-05-02T18:00:00Z')
    const work: Promise<unknown>[] = []
    counter.count(reader(1), new Response('ok'), { db, now, timeZone, waitUntil: (promise) => void work.push(promise) })
    await work[0]
    const afterSalt = batches.length
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(batches.length).toBe(afterSalt)
    expect(await db.select().from(pageViews).where(eq(pageViews.day, '2031-05-02'))).toEqual([])
    release()
    await Promise.all(work)
    expect(await db.select({ views: pageViews.views }).from(pageViews).where(eq(pageViews.day, '2031-05-02'))).toEqual([{ views: 1 }])
  })

  it('counts views on each side of the clinic’s midnight under their own day', async () => {
    const { db } = recordingDb()
    const { counter } = heldCounter()
    const work: Promise<unknown>[] = []
    const at = (instant: string) => ({ db, now: new Date(instant), timeZone, waitUntil: (promise: Promise<unknown>) => void work.push(promise) })
    // 23:59:50 and 00:00:05 in Los Angeles (PDT), fifteen seconds and one minute boundary apart.
    counter.count(reader(1), new Response('ok'), at('2031-07-03T06:59:50Z'))
    counter.count(reader(1), new Response('ok'), at('2031-07-03T07:00:05Z'))
    await Promise.all(work.splice(0, 2))
    await counter.flush(db)
    const rows = await db.select({ day: pageViews.day, views: pageViews.views }).from(pageViews).where(sql`${pageViews.day} in ('2031-07-02', '2031-07-03')`)
    expect(rows.sort((a, b) => a.day.localeCompare(b.day))).toEqual([{ day: '2031-07-02', views: 1 }, { day: '2031-07-03', views: 1 }])
  })

  it('counts only a 200 answer', async () => {
    const { db } = recordingDb()
    const { counter } = heldCounter()
    const now = new Date('2031-06-02T18:00:00Z')
    const work: Promise<unknown>[] = []
    const context = { db, now, timeZone, waitUntil: (promise: Promise<unknown>) => void work.push(promise) }
    counter.count(reader(1), new Response('gone', { status: 404 }), context)
    counter.count(reader(2), Promise.resolve(new Response(null, { status: 304 })), context)
    counter.count(reader(3), Promise.reject(new Error('render failed')), context)
    await Promise.all(work)
    await counter.flush(db)
    expect(await db.select().from(pageViews).where(eq(pageViews.day, '2031-06-02'))).toEqual([])
  })
})
