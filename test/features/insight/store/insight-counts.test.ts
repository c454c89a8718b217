import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { articles } from '../../../../src/features/articles/store/schema'
import { monthsBefore, tidyInsight } from '../../../../src/features/insight/retention'
import {
  type GatheredViews,
  purgeCountsBefore,
  referrerHostsPerDay,
  rollUpFinishedDays,
  writeGatheredViews,
} from '../../../../src/features/insight/store/insight-counts'
import { pageViews, readerMarks, referrers } from '../../../../src/features/insight/store/schema'
import { createDb } from '../../../../src/platform/database'
import { crons } from '../../../../src/worker'
import { runCron } from '../../../helpers/notify'

const db = createDb(env.DB)
const none: GatheredViews = { views: [], marks: [], referrers: [], formOpens: [] }

async function addArticle(state: 'published' | 'draft'): Promise<string> {
  const slug = `insight-${crypto.randomUUID().slice(0, 8)}`
  await db
    .insert(articles)
    .values({ id: crypto.randomUUID(), slug, title: 't', description: 'd', tags: [], references: [], body: 'b', state, revision: 1, changedAt: new Date(0) })
  return slug
}

const rowOf = async (day: string, path: string) =>
  (
    await db
      .select()
      .from(pageViews)
      .where(and(eq(pageViews.day, day), eq(pageViews.path, path)))
  )[0]

describe('writing gathered views', () => {
  it('adds views and referrers to what is stored, and keeps each mark once', async () => {
    const day = '2033-01-05'
    const once = {
      ...none,
      views: [{ day, path: '/', views: 3 }],
      referrers: [{ day, host: 'duckduckgo.com', views: 2 }],
      marks: [{ day, path: '/', hash: 'a'.repeat(32) }],
    }
    await writeGatheredViews(db, once)
    await writeGatheredViews(db, once)
    expect(await rowOf(day, '/')).toMatchObject({ views: 6, readers: 0, formOpens: 0 })
    expect(await db.select({ views: referrers.views }).from(referrers).where(eq(referrers.day, day))).toEqual([{ views: 4 }])
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, day))).toHaveLength(1)
  })

  it('counts a form opened from a published article under that article, and nothing for another slug', async () => {
    const day = '2033-01-06'
    const published = await addArticle('published')
    const draft = await addArticle('draft')
    await writeGatheredViews(db, {
      ...none,
      formOpens: [
        { day, slug: published, opens: 2 },
        { day, slug: draft, opens: 1 },
        { day, slug: 'made-up', opens: 1 },
      ],
    })
    await writeGatheredViews(db, { ...none, formOpens: [{ day, slug: published, opens: 1 }] })
    expect(await db.select({ path: pageViews.path, formOpens: pageViews.formOpens }).from(pageViews).where(eq(pageViews.day, day))).toEqual([
      { path: `/articles/${published}`, formOpens: 3 },
    ])
  })

  it('keeps at most referrerHostsPerDay referring hosts a day: hosts already kept still add, new ones are dropped', async () => {
    const day = '2033-01-08'
    const hosts = Array.from({ length: referrerHostsPerDay }, (_, index) => ({ day, host: `site-${index}.example`, views: 1 }))
    await writeGatheredViews(db, { ...none, referrers: [...hosts, { day, host: 'one-too-many.example', views: 5 }] })
    await writeGatheredViews(db, {
      ...none,
      referrers: [
        { day, host: 'site-0.example', views: 2 },
        { day, host: 'later.example', views: 1 },
        { day: '2033-01-09', host: 'later.example', views: 1 },
      ],
    })
    const kept = await db.select({ host: referrers.host, views: referrers.views }).from(referrers).where(eq(referrers.day, day))
    expect(kept).toHaveLength(referrerHostsPerDay)
    expect(kept.map((row) => row.host)).not.toContain('one-too-many.example')
    expect(kept.map((row) => row.host)).not.toContain('later.example')
    expect(kept.find((row) => row.host === 'site-0.example')).toEqual({ host: 'site-0.example', views: 3 })
    expect(await db.select({ host: referrers.host }).from(referrers).where(eq(referrers.day, '2033-01-09'))).toEqual([{ host: 'later.example' }])
  })

  it('writes more marks than one statement can bind', async () => {
    const day = '2033-01-07'
    const marks = Array.from({ length: 100 }, (_, index) => ({ day, path: '/articles', hash: index.toString(16).padStart(32, '0') }))
    await writeGatheredViews(db, { ...none, marks })
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, day))).toHaveLength(100)
  })
})

describe('the daily roll-up', () => {
  it('turns a finished day’s marks into its readers and deletes them, leaving today’s', async () => {
    const [yesterday, today] = ['2033-02-01', '2033-02-02']
    const mark = (day: string, hash: string) => ({ day, path: '/book', hash: hash.repeat(32) })
    await writeGatheredViews(db, {
      ...none,
      views: [
        { day: yesterday, path: '/book', views: 5 },
        { day: today, path: '/book', views: 1 },
      ],
      marks: [mark(yesterday, 'a'), mark(yesterday, 'b'), mark(today, 'c')],
    })
    await rollUpFinishedDays(db, today)
    expect(await rowOf(yesterday, '/book')).toMatchObject({ views: 5, readers: 2 })
    expect(await rowOf(today, '/book')).toMatchObject({ views: 1, readers: 0 })
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, yesterday))).toEqual([])
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, today))).toHaveLength(1)
  })

  it('never counts a reader twice: marks a slow isolate writes for a day already rolled up are dropped', async () => {
    const [yesterday, today] = ['2033-03-01', '2033-03-02']
    const mark = (day: string, hash: string) => ({ day, path: '/contact', hash: hash.repeat(32) })
    await writeGatheredViews(db, { ...none, views: [{ day: yesterday, path: '/contact', views: 2 }], marks: [mark(yesterday, 'a')] })
    await rollUpFinishedDays(db, today)
    expect(await rowOf(yesterday, '/contact')).toMatchObject({ views: 2, readers: 1 })
    // The same reader's mark again, from a second isolate that writes after the roll-up deleted the first copy.
    await writeGatheredViews(db, { ...none, views: [{ day: yesterday, path: '/contact', views: 1 }], marks: [mark(yesterday, 'a'), mark(today, 'b')] })
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, yesterday))).toEqual([])
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, today))).toHaveLength(1)
    await rollUpFinishedDays(db, today)
    expect(await rowOf(yesterday, '/contact')).toMatchObject({ views: 3, readers: 1 })
    // An earlier roll-up (a cron run with a lagging clock) never reopens a finished day.
    await rollUpFinishedDays(db, yesterday)
    await writeGatheredViews(db, { ...none, marks: [mark(yesterday, 'c')] })
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, yesterday))).toEqual([])
  })
})

describe('the 13-month purge', () => {
  it('reckons 13 calendar months back', () => {
    expect(monthsBefore('2027-01-15', 13)).toBe('2025-12-15')
    expect(monthsBefore('2027-03-31', 13)).toBe('2026-02-31')
  })

  it('deletes page and referrer counters of days more than 13 months old, and keeps the rest', async () => {
    const day = (text: string) => ({
      ...none,
      views: [{ day: text, path: '/contact', views: 1 }],
      referrers: [{ day: text, host: 'old.example.org', views: 1 }],
    })
    await writeGatheredViews(db, day('2032-12-09'))
    await writeGatheredViews(db, day('2032-12-10'))
    await tidyInsight(db, new Date('2034-01-10T20:00:00Z'), 'America/Los_Angeles')
    expect(await rowOf('2032-12-09', '/contact')).toBeUndefined()
    expect(await rowOf('2032-12-10', '/contact')).toMatchObject({ views: 1 })
    expect(await db.select({ day: referrers.day }).from(referrers).where(eq(referrers.host, 'old.example.org'))).toEqual([{ day: '2032-12-10' }])
  })

  it('is done by the hourly cron, with the roll-up', async () => {
    await writeGatheredViews(db, {
      ...none,
      views: [{ day: '2034-05-09', path: '/', views: 1 }],
      marks: [{ day: '2035-06-09', path: '/', hash: 'e'.repeat(32) }],
    })
    await runCron(crons.hourly, new Date('2035-06-10T20:00:00Z'))
    expect(await rowOf('2034-05-09', '/')).toBeUndefined()
    expect(await db.select().from(readerMarks).where(eq(readerMarks.day, '2035-06-09'))).toEqual([])
  })

  it('deletes nothing of the first kept day', async () => {
    await writeGatheredViews(db, { ...none, views: [{ day: '2036-01-01', path: '/articles', views: 2 }] })
    await purgeCountsBefore(db, '2036-01-01')
    expect(await rowOf('2036-01-01', '/articles')).toMatchObject({ views: 2 })
  })
})
