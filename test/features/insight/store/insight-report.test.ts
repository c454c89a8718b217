import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { readInsightReport, reportWeeks, startOfWeek, summarizeArticleWeek } from '../../../../src/features/insight/store/insight-report'
import { addDays, zonedInstant } from '../../../../src/platform/time-zone'
import { db } from '../../../helpers/forms'
import { storeArticle } from '../../../helpers/publishing'
import { storeReaderMarks, storeReferrer, storeSourcedRequest, storeViews } from './insight-report-seed'

/*
 * Each test reports on a stretch of weeks of its own, years apart, so the
 * counters and requests of the others never enter its figures.
 */
const zone = practice.timeZone
const at = (date: string, time: string) => zonedInstant(date, time, zone)

describe('startOfWeek', () => {
  it('is the Monday of the clinic week, Sunday belonging to the week before', () => {
    expect(['2031-03-10', '2031-03-12', '2031-03-16'].map(startOfWeek)).toEqual(['2031-03-10', '2031-03-10', '2031-03-10'])
    expect(startOfWeek('2031-03-17')).toBe('2031-03-17')
  })
})

describe('readInsightReport', () => {
  it('counts bookings taken directly and from the waitlist beside the requests, all three toward the confirmed', async () => {
    const today = '2048-06-10'
    const [first, second] = await Promise.all([1, 2].map((n) => storeArticle({ state: 'published', title: `Booked article ${n}` })))
    const now = at(today, '15:00')
    await storeSourcedRequest(at(today, '09:00'), { source: first!.slug, state: 'confirmed' })
    await storeSourcedRequest(at(today, '09:05'), { source: first!.slug })
    await storeSourcedRequest(at(today, '09:10'), { source: second!.slug, state: 'confirmed', via: 'direct' })
    await storeSourcedRequest(at(today, '09:20'), { source: second!.slug, state: 'attended', via: 'direct' })
    await storeSourcedRequest(at(today, '09:30'), { source: second!.slug, state: 'confirmed', via: 'waitlist' })
    await storeSourcedRequest(at(today, '09:40'), { state: 'confirmed', via: 'direct' })

    const report = await readInsightReport(db(), { now, timeZone: zone })

    expect(report.total).toMatchObject({ requests: 2, direct: 3, waitlist: 1, confirmed: 5, attended: 1 })
    // Most sent first: three bookings before two requests.
    const mine = report.articles.filter((row) => [first!.slug, second!.slug].includes(row.slug))
    expect(mine.map(({ slug, requests, direct, waitlist, confirmed }) => ({ slug, requests, direct, waitlist, confirmed }))).toEqual([
      { slug: second!.slug, requests: 0, direct: 2, waitlist: 1, confirmed: 3 },
      { slug: first!.slug, requests: 2, direct: 0, waitlist: 0, confirmed: 1 },
    ])
    expect(report.weeks.at(-1)).toMatchObject({ start: startOfWeek(today), requests: 6 })
  })

  it('adds up the last 12 weeks per article and in total, from reading to visits', async () => {
    const today = '2031-03-12'
    const from = addDays(startOfWeek(today), -7 * (reportWeeks - 1))
    const [read, other, unread] = await Promise.all([1, 2, 3].map((n) => storeArticle({ state: 'published', title: `Insight article ${n}` })))
    const path = (slug: string) => `/articles/${slug}`
    await storeViews(today, path(read!.slug), { views: 10, formOpens: 2 })
    await storeReaderMarks(today, path(read!.slug), 3)
    await storeViews(from, path(read!.slug), { views: 5, readers: 4, formOpens: 1 })
    await storeViews(addDays(from, -1), path(read!.slug), { views: 100, readers: 90, formOpens: 9 })
    await storeViews(addDays(today, 1), path(read!.slug), { views: 100, readers: 90, formOpens: 9 })
    await storeViews(addDays(today, -7), path(other!.slug), { views: 20, readers: 15 })
    await storeViews(today, '/', { views: 7, readers: 6 })
    const now = at(today, '15:00')
    await storeSourcedRequest(at(today, '09:00'), { source: read!.slug, state: 'confirmed', heardFrom: 'article' })
    await storeSourcedRequest(at(addDays(today, -1), '09:00'), { source: read!.slug, state: 'attended', heardFrom: 'search' })
    await storeSourcedRequest(at(from, '00:01'), { source: read!.slug, state: 'no-show', heardFrom: 'article' })
    await storeSourcedRequest(at(today, '10:00'), { source: read!.slug })
    await storeSourcedRequest(at(today, '10:00'), { source: read!.slug, status: 'spam' })
    await storeSourcedRequest(at(addDays(from, -1), '23:59'), { source: read!.slug, state: 'attended' })
    await storeSourcedRequest(new Date(now.getTime() + 60_000), { source: read!.slug, state: 'attended' })
    await storeSourcedRequest(at(addDays(today, -7), '12:00'), { source: other!.slug, state: 'declined' })
    await storeSourcedRequest(at(addDays(today, -8), '12:00'), { state: 'attended' })
    await storeReferrer(today, 'search.example', 4)
    await storeReferrer(addDays(today, -3), 'search.example', 5)
    await storeReferrer(today, 'forum.example', 6)
    await storeReferrer(addDays(from, -1), 'old.example', 50)
    // Seen once in the window: a one-off, such as referrer spam, is not listed.
    await storeReferrer(today, 'spam.example', 1)
    await storeReferrer(addDays(from, -1), 'spam.example', 1)
    await storeReferrer(today, 'twice.example', 1)
    await storeReferrer(addDays(today, -1), 'twice.example', 1)

    const report = await readInsightReport(db(), { now, timeZone: zone })

    expect(report.total).toEqual({ views: 42, readers: 28, formOpens: 3, requests: 6, direct: 0, waitlist: 0, confirmed: 4, attended: 2 })
    const mine = report.articles.filter((row) => [read!.slug, other!.slug, unread!.slug].includes(row.slug))
    expect(mine).toEqual([
      { slug: read!.slug, title: 'Insight article 1', views: 15, readers: 7, formOpens: 3, requests: 4, direct: 0, waitlist: 0, confirmed: 3, attended: 1 },
      { slug: other!.slug, title: 'Insight article 2', views: 20, readers: 15, formOpens: 0, requests: 1, direct: 0, waitlist: 0, confirmed: 0, attended: 0 },
      { slug: unread!.slug, title: 'Insight article 3', views: 0, readers: 0, formOpens: 0, requests: 0, direct: 0, waitlist: 0, confirmed: 0, attended: 0 },
    ])
    expect(report.weeks.map((week) => week.start)).toEqual(Array.from({ length: reportWeeks }, (_, index) => addDays(from, 7 * index)))
    expect(report.weeks.map((week) => [week.views, week.requests])).toEqual([[5, 1], ...Array.from({ length: 9 }, () => [0, 0]), [20, 2], [17, 3]])
    expect(report.heardFrom).toEqual([
      { choice: 'article', requests: 2 },
      { choice: 'search', requests: 1 },
    ])
    expect(report.referrers).toEqual([
      { host: 'search.example', views: 9 },
      { host: 'forum.example', views: 6 },
      { host: 'twice.example', views: 2 },
    ])
  })

  it('takes the clinic’s weeks: a request late on Sunday evening belongs to the week before, though UTC is already on Monday', async () => {
    const monday = '2032-03-15'
    await storeSourcedRequest(at(addDays(monday, -1), '23:30'))
    await storeSourcedRequest(at(monday, '00:30'))
    const report = await readInsightReport(db(), { now: at(monday, '12:00'), timeZone: zone })
    expect(report.weeks.slice(-2)).toEqual([
      { start: addDays(monday, -7), views: 0, requests: 1 },
      { start: monday, views: 0, requests: 1 },
    ])
  })
})

describe('summarizeArticleWeek', () => {
  it('lists one clinic week’s views and requests per article, most requests first, other weeks and pages left out', async () => {
    const monday = '2033-05-09'
    const [quiet, asked, viewed] = await Promise.all([1, 2, 3].map((n) => storeArticle({ state: 'published', title: `Week article ${n}` })))
    await storeViews(monday, `/articles/${asked!.slug}`, { views: 3 })
    await storeViews(addDays(monday, 6), `/articles/${asked!.slug}`, { views: 4 })
    await storeViews(addDays(monday, 7), `/articles/${asked!.slug}`, { views: 50 })
    await storeViews(addDays(monday, -1), `/articles/${viewed!.slug}`, { views: 50 })
    await storeViews(addDays(monday, 2), `/articles/${viewed!.slug}`, { views: 30 })
    await storeViews(addDays(monday, 2), '/book', { views: 30 })
    await storeSourcedRequest(at(monday, '00:00'), { source: asked!.slug })
    await storeSourcedRequest(at(addDays(monday, 6), '23:59'), { source: asked!.slug })
    await storeSourcedRequest(at(addDays(monday, 7), '00:00'), { source: quiet!.slug })
    await storeSourcedRequest(at(monday, '10:00'))
    const week = await summarizeArticleWeek(db(), { weekStart: monday, timeZone: zone })
    expect(week).toEqual([
      { slug: asked!.slug, title: 'Week article 2', views: 7, requests: 2 },
      { slug: viewed!.slug, title: 'Week article 3', views: 30, requests: 0 },
    ])
  })
})
