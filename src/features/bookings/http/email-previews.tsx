import { Hono } from 'hono'
import { Refusal } from '../../../platform/refusal'
import type { AdminEnv } from '../../admin-access'
import { readNotifySettings } from '../../notifications'
import { currentSettings, withPractice } from '../../settings'
import { emailKinds, findEmailKind } from '../messages/email-kinds'
import { emailSamples } from '../messages/email-samples'
import { EmailListPage } from '../views/emails/EmailListPage'
import { EmailPreviewPage } from '../views/emails/EmailPreviewPage'

/**
 * /admin/emails: every kind of email, written by the composer that sends it
 * from sample data and the clinic's current settings. Only reads: no link
 * token is stored, nothing is queued. `clock` fixes the sample week in tests.
 */
const unknownKind = () => new Refusal(404, 'Page not found', 'There is no email of that kind. Choose one from the list of emails.')

function createEmailPreviewRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  const prepare = (env: Env) => {
    const notify = readNotifySettings(env)
    // A deployment without NOTIFY_FROM still shows what its emails would say.
    const settings = { ...notify, from: notify.from || notify.clinicEmail }
    return { settings, samples: emailSamples(currentSettings(), clock(), settings.siteUrl) }
  }

  return new Hono<AdminEnv>()
    .get('/', async (c) => {
      const { settings, samples } = prepare(c.env)
      const items = await Promise.all(
        emailKinds.map(async (kind) => ({
          kind: kind.kind,
          title: kind.title,
          audience: kind.audience,
          subject: (await kind.compose(samples, settings)).subject,
        })),
      )
      return c.html(withPractice(currentSettings(), <EmailListPage items={items} csrfToken={c.get('csrfToken')} />))
    })
    .get('/:file{[a-z-]+\\.html}', async (c) => {
      const kind = findEmailKind(c.req.param('file').replace(/\.html$/, ''))
      if (!kind) throw unknownKind()
      const { settings, samples } = prepare(c.env)
      return c.html((await kind.compose(samples, settings)).html)
    })
    .get('/:kind{[a-z-]+}', async (c) => {
      const kind = findEmailKind(c.req.param('kind'))
      if (!kind) throw unknownKind()
      const { settings, samples } = prepare(c.env)
      const email = await kind.compose(samples, settings)
      return c.html(
        withPractice(
          currentSettings(),
          <EmailPreviewPage kind={kind.kind} title={kind.title} subject={email.subject} text={email.text} csrfToken={c.get('csrfToken')} />,
        ),
      )
    })
}

export const emailPreviewRoutes = createEmailPreviewRoutes()
