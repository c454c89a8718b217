import { describe, expect, it } from 'vitest'
import { rendererVersion } from '../../../src/features/articles/article-html'
import { publishDueArticles } from '../../../src/features/articles/scheduler'
import { readContentVersion, readSchedulerRan } from '../../../src/platform/site-state'
import { crons } from '../../../src/worker'
import { db } from '../../helpers/forms'
import { runCron } from '../../helpers/notify'
import { readArticle, revisionsOf, storeArticle } from '../../helpers/publishing'

const minute = 60_000
// Each test works in a year of its own, so another test's articles are never due in its runs.
const at = (year: number, time = '09:00') => new Date(`${year}-05-04T${time}:00Z`)

describe('the scheduler', () => {
  it('publishes a due article with its full text and a revision by the scheduler, bumping the content version', async () => {
    const now = at(2031)
    const article = await storeArticle({ state: 'scheduled', publishAt: new Date(now.getTime() - minute) })
    const version = await readContentVersion(db())
    expect(await publishDueArticles(db(), now)).toContain(article.slug)
    const published = await readArticle(article.id)
    expect(published).toMatchObject({ state: 'published', firstPublishedAt: now, publishAt: null, updatedAt: null, revision: 2, body: article.body })
    const revisions = await revisionsOf(article.id)
    expect(revisions.map(({ number, author, action, body }) => ({ number, author, action, body }))).toEqual([
      { number: 1, author: 'practitioner', action: 'saved', body: article.body },
      { number: 2, author: 'scheduler', action: 'published', body: article.body },
    ])
    expect(await readContentVersion(db())).toBeGreaterThan(version)
  })

  it('leaves an article that is not yet due, and a draft, as they are', async () => {
    const now = at(2032)
    const later = await storeArticle({ state: 'scheduled', publishAt: new Date(now.getTime() + minute) })
    const draft = await storeArticle({ state: 'draft', publishAt: new Date(now.getTime() - minute) })
    const published = await publishDueArticles(db(), now)
    expect(published).not.toContain(later.slug)
    expect(published).not.toContain(draft.slug)
    expect((await readArticle(later.id)).state).toBe('scheduled')
    expect((await readArticle(draft.id)).state).toBe('draft')
    expect(await revisionsOf(later.id)).toHaveLength(1)
  })

  it('publishes eight articles due in the same minute, each with its own full text', async () => {
    const now = at(2033)
    const due = await Promise.all(Array.from({ length: 8 }, () => storeArticle({ state: 'scheduled', publishAt: new Date(now.getTime() - 30_000) })))
    const published = await publishDueArticles(db(), now)
    expect(published).toEqual(expect.arrayContaining(due.map((article) => article.slug)))
    for (const article of due) {
      const row = await readArticle(article.id)
      expect(row.state).toBe('published')
      expect(row.body).toBe(article.body)
      expect((await revisionsOf(article.id)).at(-1)).toMatchObject({ author: 'scheduler', action: 'published', body: article.body })
    }
  })

  it('publishes each article once when two runs overlap', async () => {
    const now = at(2034)
    const due = await Promise.all(Array.from({ length: 3 }, () => storeArticle({ state: 'scheduled', publishAt: new Date(now.getTime() - minute) })))
    const [first, second] = await Promise.all([publishDueArticles(db(), now), publishDueArticles(db(), now)])
    const ours = [...first!, ...second!].filter((slug) => due.some((article) => article.slug === slug))
    expect(ours.sort()).toEqual(due.map((article) => article.slug).sort())
    for (const article of due) expect((await revisionsOf(article.id)).filter((revision) => revision.action === 'published')).toHaveLength(1)
  })

  it('catches up an article whose run was missed at the next run', async () => {
    const missedRun = at(2035, '09:00')
    const article = await storeArticle({ state: 'scheduled', publishAt: new Date(missedRun.getTime() - minute) })
    const nextRun = new Date(missedRun.getTime() + 45 * minute)
    expect(await publishDueArticles(db(), nextRun)).toContain(article.slug)
    expect(await readArticle(article.id)).toMatchObject({ state: 'published', firstPublishedAt: nextRun })
  })

  it('runs in the five-minute cron, storing the HTML of what it publishes, and records when it last ran', async () => {
    const now = at(2036)
    const article = await storeArticle({ state: 'scheduled', publishAt: now, body: 'Due *now*.\n' })
    expect(article.renderedHtml).toBeNull()
    await runCron(crons.sweep, now)
    expect(await readArticle(article.id)).toMatchObject({ state: 'published', renderedHtml: '<p>Due <em>now</em>.</p>\n', rendererVersion })
    expect(await readSchedulerRan(db())).toEqual(now)
  })
})
