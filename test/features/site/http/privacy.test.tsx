import { describe, expect, it } from 'vitest'
import { type NotificationDisclosure, PrivacyPage } from '../../../../src/features/site/views/PrivacyPage'
import { requestWith } from '../../../helpers/http'
import { webhookUrl } from '../../../helpers/notify'
import { renderPage } from '../../../helpers/settings'

const retention = { requestDays: 365, spamDays: 30 }
const render = (notifications: NotificationDisclosure) => renderPage(<PrivacyPage retention={retention} notifications={notifications} />)

// The page cache keeps the first /privacy render of an isolate under its path, whatever env
// rendered it, and this file's tests share one isolate. So this file requests /privacy once,
// with the one configuration tested through the Worker; the default one is in pages.test.ts
// (its own isolate), and the other combinations render the view with the props the route builds.
describe('the privacy notice under this deployment’s notification settings', () => {
  it('says health details, the chat service and the acknowledgement go out when configured so', async () => {
    const response = await requestWith({ NOTIFY_DETAILS: 'full', NOTIFY_WEBHOOK_URL: webhookUrl, ACK_PATIENT: 'true' }, '/privacy')
    const html = await response.text()
    expect(html).toContain(
      'told of each request by email and by a message to the chat or notification service the clinic uses (such as Slack, Discord or ntfy) with your name, contact details, requested times, your message and your health details',
    )
    expect(html).not.toContain('stay in the clinic’s private inbox')
    expect(html).toContain('That service may keep its own copy of the message')
    expect(html).toContain('We email you an acknowledgement with your reference code, what happens next and a link to your request’s own page.')
    expect(html).toContain('when you answer one of our emails, the words of your answer (without the earlier emails it quotes); attachments')
    expect(html).toContain('each address gets at most one acknowledgement a day')
    expect(html).toContain('with a calendar invitation, naming the treatment.')
  })

  it('says what the logs hold and that the hosting provider’s request logs are off', async () => {
    const html = await render({ email: true, chat: false, acknowledgement: false, healthDetails: false })
    expect(html).toContain('never your name, email address, phone number, message or IP address')
    expect(html).toContain('request logs, which would record addresses and full web addresses, are switched off')
    expect(html).not.toContain('at most one acknowledgement a day')
  })

  it('says a request records the article the patient came from and the answer to “How did you hear about us?”', async () => {
    const html = await render({ email: true, chat: false, acknowledgement: false, healthDetails: false })
    expect(html).toContain('if you came from one of our articles, which one, and your answer to “How did you hear about us?” if you')
  })

  it('names only the chat service when email is off', async () => {
    const html = await render({ email: false, chat: true, acknowledgement: false, healthDetails: false })
    expect(html).toContain(
      'told of each request by a message to the chat or notification service the clinic uses (such as Slack, Discord or ntfy) with your name, contact details and requested times; your message and health details stay in the clinic’s private inbox.',
    )
    expect(html).not.toContain('acknowledgement')
  })

  it('says nothing is sent to the practitioner when no channel is on', async () => {
    const html = await render({ email: false, chat: false, acknowledgement: false, healthDetails: false })
    expect(html).toContain('No notification sends your details to the practitioner')
    expect(html).not.toContain('told of each request')
    expect(html).not.toContain('Slack')
  })
})
