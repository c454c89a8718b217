import type { Db } from '../../platform/database'
import type { Deliverable, NotificationComposer } from './composer'
import { sendEmail } from './email'
import type { NotifySettings } from './settings'
import { chooseEmailTransport } from './transports/choose'
import { postWebhook } from './webhook'

/**
 * Sends a notification through its row's channel, each within a bound (the
 * email call `emailTimeoutMs`, the webhook its own 10 s); resolves to the
 * provider's message id, if it gives one.
 */
export async function sendNotification<Job extends Deliverable>(
  job: Job,
  {
    db,
    env,
    composer,
    settings,
    now,
    emailTimeoutMs,
  }: { db: Db; env: Env; composer: NotificationComposer<Job>; settings: NotifySettings; now: () => Date; emailTimeoutMs: number },
): Promise<string | null> {
  if (job.notification.channel === 'webhook') {
    if (!settings.webhook) throw new Error('NOTIFY_WEBHOOK_URL is not set')
    return postWebhook(settings.webhook, composer.composeWebhook(job, settings), job.notification.id, now())
  }
  // One key per delivery chain: a retry or redelivery reuses it (Resend sends nothing new), a resend from the inbox is a new chain.
  const email = chooseEmailTransport(env.EMAIL, settings, `${job.notification.id}:${job.notification.generation}`)
  return sendEmail(email, await composer.composeEmail(job, { db, env, settings, now: now() }), emailTimeoutMs)
}
