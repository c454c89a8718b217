import { describe, expect, it } from 'vitest'
import { keptMonths } from '../../src/insight/retention'
import { PrivacyPage } from '../../src/views/pages/PrivacyPage'

const render = async () =>
  String(await (<PrivacyPage retention={{ requestDays: 365, spamDays: 30 }} notifications={{ email: true, chat: false, acknowledgement: false, healthDetails: false }} />).toString())

describe('the privacy notice on counting readers', () => {
  it('says what is counted and kept, and that the daily code is deleted with its random value', async () => {
    const html = await render()
    expect(html).toContain('<h2>What we count when you read</h2>')
    expect(html).toContain('with no cookie, no script and no outside service')
    expect(html).toContain('for each day and page, the number of views, the number of distinct readers')
    expect(html).toContain('without the rest of its address')
    expect(html).toContain('deleted together with its random value, so no one can link your visits on two days')
    expect(html).toContain(`The daily counts are deleted after ${keptMonths} months.`)
  })
})
