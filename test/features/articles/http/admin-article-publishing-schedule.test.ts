import { beforeAll, describe, expect, it } from 'vitest'
import { readContentVersion } from '../../../../src/platform/site-state'
import { type AdminSession, adminPost, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { readArticle, revisionsOf, storeArticle } from '../../../helpers/publishing'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

// The clinic's zone is America/Los_Angeles: 2090-03-12 and 2090-11-05 are the days its clocks change.
describe('scheduling', () => {
  it.each([
    ['an ordinary day (PST)', '2090-01-09', '09:00', '2090-01-09T17:00:00Z'],
    ['the day clocks go forward (PDT from 03:00)', '2090-03-12', '09:00', '2090-03-12T16:00:00Z'],
    ['the day clocks go back (PST from 02:00)', '2090-11-05', '09:00', '2090-11-05T17:00:00Z'],
  ])('stores a date and time on %s as the right instant, without touching public pages', async (_, date, time, instant) => {
    const article = await storeArticle()
    const version = await readContentVersion(db())
    const response = await adminPost(session, `/admin/articles/${article.id}/schedule`, { revision: '1', date, time })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin/articles?done=scheduled')
    expect(await readArticle(article.id)).toMatchObject({ state: 'scheduled', publishAt: new Date(instant), firstPublishedAt: null, revision: 2 })
    expect((await revisionsOf(article.id)).at(-1)).toMatchObject({ author: 'practitioner', action: `scheduled for ${date} ${time} (America/Los_Angeles)` })
    expect(await readContentVersion(db())).toBe(version)
  })

  it('moves an already scheduled article to a new time', async () => {
    const article = await storeArticle({ state: 'scheduled', publishAt: new Date('2090-01-09T17:00:00Z') })
    expect((await adminPost(session, `/admin/articles/${article.id}/schedule`, { revision: '1', date: '2090-02-01', time: '07:30' })).status).toBe(303)
    expect((await readArticle(article.id)).publishAt).toEqual(new Date('2090-02-01T15:30:00Z'))
  })

  it.each([
    ['a time already past', '2020-01-06', '09:00', 'That time has already passed'],
    ['an impossible date', '2090-02-30', '09:00', 'Enter a real date'],
    ['no clock time', '2090-01-09', '25:00', 'Enter a real date'],
    ['an empty form', '', '', 'Enter a real date'],
  ])('refuses %s with 422, the input kept and nothing written', async (_, date, time, message) => {
    const article = await storeArticle()
    const response = await adminPost(session, `/admin/articles/${article.id}/schedule`, { revision: '1', date, time })
    expect(response.status).toBe(422)
    const page = await response.text()
    expect(page).toContain(message)
    expect(page).toContain(`name="date" type="date" required="" value="${date}"`)
    expect(page).toContain(`name="time" type="time" required="" value="${time}"`)
    expect(page).toContain('<input type="hidden" name="revision" value="1"/>')
    expect(await readArticle(article.id)).toMatchObject({ state: 'draft', publishAt: null, revision: 1 })
    expect(await revisionsOf(article.id)).toHaveLength(1)
  })
})
