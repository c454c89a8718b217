import { beforeAll, describe, expect, it } from 'vitest'
import { ArticleListPage } from '../../../../src/features/articles/views/admin/ArticleListPage'
import { withPractice } from '../../../../src/features/settings/practice-details'
import { formatInstant } from '../../../../src/platform/dates'
import { markSchedulerRan } from '../../../../src/platform/site-state'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { request } from '../../../helpers/http'
import { storeArticle } from '../../../helpers/publishing'
import { startingSettings } from '../../../helpers/settings'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const listPage = async () => (await adminGet(session, '/admin/articles')).text()
/** The list's row for one article, from its title cell to the end of the row. */
const rowOf = (page: string, id: string) => /<tr>((?:(?!<\/tr>)[\s\S])*?)<\/tr>/g.exec(page.slice(page.indexOf(`href="/admin/articles/${id}"`) - 40))?.[1] ?? ''

describe('the article list', () => {
  it('shows each article with its edit link, state, publish date on the clinic’s clock and last change, and a link to write a new one', async () => {
    const publishedAt = new Date('2026-06-01T16:00:00Z')
    const changedAt = new Date('2026-06-02T18:30:00Z')
    const article = await storeArticle({ state: 'published', firstPublishedAt: publishedAt, changedAt })
    const page = await listPage()
    expect(page).toContain('<a class="button" href="/admin/articles/new">New article</a>')
    const row = rowOf(page, article.id)
    expect(row).toContain(`<a href="/admin/articles/${article.id}">${article.title}</a>`)
    expect(row).toContain('Published')
    expect(row).toContain(`<time datetime="${publishedAt.toISOString()}">${formatInstant(publishedAt)}</time>`)
    expect(row).toContain(`<time datetime="${changedAt.toISOString()}">${formatInstant(changedAt)}</time>`)
    expect(row).toContain(`action="/admin/articles/${article.id}/unpublish"`)
    expect(row).not.toContain(`action="/admin/articles/${article.id}/publish"`)
  })

  it('flags a scheduled article whose time has passed as a missed schedule with a Publish now button, and not one still ahead', async () => {
    const missed = await storeArticle({ state: 'scheduled', publishAt: new Date('2020-01-06T17:00:00Z') })
    // Published once before, unpublished, now scheduled again: the date shown is the one ahead.
    const ahead = await storeArticle({ state: 'scheduled', publishAt: new Date('2090-01-09T17:00:00Z'), firstPublishedAt: new Date('2026-06-01T16:00:00Z') })
    const page = await listPage()
    const missedRow = rowOf(page, missed.id)
    expect(missedRow).toContain('missed schedule')
    expect(missedRow).toContain(`<form method="post" action="/admin/articles/${missed.id}/publish" class="inline">`)
    expect(missedRow).toContain('Publish now')
    const aheadRow = rowOf(page, ahead.id)
    expect(aheadRow).toContain('Scheduled')
    expect(aheadRow).not.toContain('missed schedule')
    expect(aheadRow).toContain(`<time datetime="2090-01-09T17:00:00.000Z">${formatInstant(new Date('2090-01-09T17:00:00Z'))}</time>`)
  })

  it('says when the scheduler last ran', async () => {
    const ran = new Date('2026-11-30T12:05:00Z')
    await markSchedulerRan(db(), ran)
    expect(await listPage()).toContain(`The scheduler last ran at <time datetime="${ran.toISOString()}">${formatInstant(ran)}</time>.`)
  })

  it('warns in one message when the scheduler has not run for over 15 minutes, or has never run', () => {
    const now = new Date('2027-01-04T10:00:00Z')
    const render = (ran: Date | null) =>
      String(withPractice(startingSettings, <ArticleListPage articles={[]} now={now} schedulerRan={ran} csrfToken="t" timeZone={startingSettings.timeZone} />))
    const late = 'It has not run for over 15 minutes, so scheduled articles are not going live. Check the Worker’s cron triggers.'
    const never = 'The scheduler has never run, so scheduled articles are not going live. Check the Worker’s cron triggers.'
    expect(render(new Date(now.getTime() - 15 * 60_000))).not.toContain('role="alert"')
    const lateRender = render(new Date(now.getTime() - 15 * 60_000 - 1000))
    expect(lateRender).toContain(late)
    expect(lateRender.match(/role="alert"/g)).toHaveLength(1)
    const neverRender = render(null)
    expect(neverRender).toContain(never)
    expect(neverRender).not.toContain('has not run for over 15 minutes')
    expect(neverRender.match(/role="alert"/g)).toHaveLength(1)
  })

  it('flags a missed schedule only once the five-minute cron run after the due time should have published it', async () => {
    const now = new Date('2027-01-04T10:00:00Z')
    const dueAgo = async (ms: number) => storeArticle({ state: 'scheduled', publishAt: new Date(now.getTime() - ms) })
    const [justDue, beforeARun, missed] = await Promise.all([dueAgo(0), dueAgo(6 * 60_000), dueAgo(6 * 60_000 + 1000)])
    const page = String(
      withPractice(
        startingSettings,
        <ArticleListPage articles={[justDue, beforeARun, missed]} now={now} schedulerRan={now} csrfToken="t" timeZone={startingSettings.timeZone} />,
      ),
    )
    expect(rowOf(page, justDue.id)).not.toContain('missed schedule')
    expect(rowOf(page, beforeARun.id)).not.toContain('missed schedule')
    expect(rowOf(page, missed.id)).toContain('missed schedule')
  })

  it('shows the banner of a known outcome only, never one for a name every object inherits', async () => {
    expect(await (await adminGet(session, '/admin/articles?done=published')).text()).toContain(
      '<div class="notice-ok" role="status"><p>Published. The article is live.</p></div>',
    )
    for (const inherited of ['constructor', 'toString', '__proto__']) {
      expect(await (await adminGet(session, `/admin/articles?done=${inherited}`)).text(), inherited).not.toContain('notice-ok')
    }
  })

  it('is linked from the inbox’s navigation and refuses strangers', async () => {
    expect(await (await adminGet(session, '/admin')).text()).toContain('<a href="/admin/articles">Articles</a>')
    const stranger = await request('/admin/articles', { redirect: 'manual' })
    expect(stranger.status).toBe(303)
    expect(stranger.headers.get('Location')).toBe('/admin/login?next=%2Fadmin%2Farticles')
  })
})
