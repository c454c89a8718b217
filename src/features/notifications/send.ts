import type { Db } from '../../platform/database'
import { buildAppointmentEmail } from './appointment-email'
import { buildPatientEmail, buildPractitionerEmail, sendEmail } from './email'
import type { NotifySettings } from './settings'
import type { NotificationJob } from './store/notifications'
import { chooseEmailTransport } from './transports/choose'
import { buildWebhookPayload, postWebhook } from './webhook'

/**
 * Sends a notification through its row's channel, each within a bound (the
 * email call `emailTimeoutMs`, the webhook its own 10 s); resolves to the
 * provider's message id, if it gives one.
 */
export async function sendNotification(
  job: NotificationJob,
  { db, env, settings, now, emailTimeoutMs }: { db: Db; env: Env; settings: NotifySettings; now: () => Date; emailTimeoutMs: number },
): Promise<string | null> {
  // One key per delivery chain: a retry or redelivery reuses it (Resend sends nothing new), a resend from the inbox is a new chain.
  const email = chooseEmailTransport(env.EMAIL, settings, `${job.notification.id}:${job.notification.generation}`)
  switch (job.notification.channel) {
    case 'email':
      return sendEmail(email, await buildPractitionerEmail(job, settings), emailTimeoutMs)
    case 'patient':
      return sendEmail(email, await buildPatientEmail(job, settings), emailTimeoutMs)
    // The legacy channel of the confirmation, still on older rows, is the appointment's `confirmed` email.
    case 'confirmation':
    case 'appointment':
      return sendEmail(email, await buildAppointmentEmail(job, { db, env, settings, now: now() }), emailTimeoutMs)
    case 'webhook':
      if (!settings.webhook) throw new Error('NOTIFY_WEBHOOK_URL is not set')
      return postWebhook(settings.webhook, buildWebhookPayload(job, settings), job.notification.id, now())
  }
}
