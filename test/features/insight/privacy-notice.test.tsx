import { describe, expect, it } from 'vitest'
import { keptMonths } from '../../../src/features/insight/retention'
import { PrivacyPage } from '../../../src/features/site/views/PrivacyPage'
import { renderPage } from '../../helpers/settings'

const render = () =>
  renderPage(
    <PrivacyPage retention={{ requestDays: 365, spamDays: 30 }} notifications={{ email: true, chat: false, acknowledgement: false, healthDetails: false }} />,
  )

describe('the privacy notice on counting readers', () => {
  it('says what is counted and kept, and exactly who could turn the daily code back: only with a secret kept out of the database', async () => {
    const html = await render()
    expect(html).toContain('<h2>What we count when you read</h2>')
    expect(html).toContain('with no cookie, no script and no outside service')
    expect(html).toContain('for each day and page, the number of views, the number of distinct readers')
    expect(html).toContain('without the rest of its address')
    expect(html).toContain('worked out from the date and a secret key that is kept apart from the database and never stored')
    expect(html).toContain('no one who has only our database, or a copy of it, can turn a code back into an address')
    expect(html).toContain('the day’s codes are counted, then deleted; the database’s own history keeps them for up to 30 days')
    expect(html).toContain('each day’s codes differ from the next day’s')
    expect(html).not.toContain('cannot be turned back')
    expect(html).toContain(`The daily counts are deleted after ${keptMonths} months.`)
  })
})
