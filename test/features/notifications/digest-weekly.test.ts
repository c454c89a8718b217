import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { startOfWeek } from '../../../src/features/insight/store/insight-report'
import { addDays, zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { recordingEmail, runCron } from '../../helpers/notify'
import { storeArticle } from '../../helpers/publishing'
import { storeSourcedRequest, storeViews } from '../insight/store/insight-report-seed'

/* Each test's digest runs in a week of its own, years from the others and from the real clock. */
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)

/** Runs the hourly cron at the digest hour (7:00 by default) of `date` and returns the digest's text. */
async function digestTextOn(date: string): Promise<string> {
  const email = recordingEmail()
  await runCron(crons.hourly, at(date, '07:00'), { EMAIL: email.binding })
  expect(email.sent).toHaveLength(1)
  return email.sent[0]!.text!
}

describe('the digest’s weekly line', () => {
  it('on Monday names last week’s five articles with the most requests, then views, and counts the rest', async () => {
    const monday = startOfWeek('2034-06-14')
    const lastWeek = addDays(monday, -7)
    const stored = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => storeArticle({ state: 'published', title: `Weekly ${n}` })))
    // Views: Weekly 1 has 60, Weekly 2 has 50 … Weekly 6 has 10, spread over last week's Monday and Sunday.
    for (const [index, article] of stored.entries()) {
      await storeViews(lastWeek, `/articles/${article.slug}`, { views: 50 - index * 10 })
      await storeViews(addDays(lastWeek, 6), `/articles/${article.slug}`, { views: 10 })
    }
    await storeViews(monday, `/articles/${stored[0]!.slug}`, { views: 500 })
    await storeSourcedRequest(at(addDays(lastWeek, 3), '10:00'), { source: stored[4]!.slug })
    await storeSourcedRequest(at(monday, '06:00'), { source: stored[5]!.slug })

    const text = await digestTextOn(monday)
    expect(text).toContain(
      'Articles last week: Weekly 5 20 views, 1 request; Weekly 1 60 views, 0 requests; Weekly 2 50 views, 0 requests; Weekly 3 40 views, 0 requests; Weekly 4 30 views, 0 requests, and 1 more.',
    )
  })

  it('says each count as the clinic’s locale does: 1 view, 1,234 views', async () => {
    const monday = startOfWeek('2036-06-14')
    const lastWeek = addDays(monday, -7)
    const many = await storeArticle({ state: 'published', title: 'Weekly many' })
    const single = await storeArticle({ state: 'published', title: 'Weekly single' })
    await storeViews(lastWeek, `/articles/${many.slug}`, { views: 1234 })
    await storeViews(lastWeek, `/articles/${single.slug}`, { views: 1 })
    expect(await digestTextOn(monday)).toContain('Articles last week: Weekly many 1,234 views, 0 requests; Weekly single 1 view, 0 requests.')
  })

  it('is left out of the other days’ digests', async () => {
    const monday = startOfWeek('2035-06-14')
    const article = await storeArticle({ state: 'published', title: 'Weekly quiet' })
    await storeViews(addDays(monday, -3), `/articles/${article.slug}`, { views: 9 })
    expect(await digestTextOn(addDays(monday, 1))).not.toContain('last week')
    expect(await digestTextOn(monday)).toContain('Articles last week: Weekly quiet 9 views, 0 requests.')
  })
})
