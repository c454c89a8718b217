import type { NotificationChannel } from './domain/vocabulary'

/** The channels this deployment notifies through, read from its configuration. */
export function configuredChannels(env: Pick<Env, 'NOTIFY_TO'> & { NOTIFY_WEBHOOK_URL?: string; ACK_PATIENT?: string }): NotificationChannel[] {
  const channels: NotificationChannel[] = []
  if (env.NOTIFY_TO) channels.push('email')
  if (env.NOTIFY_WEBHOOK_URL) channels.push('webhook')
  if (env.ACK_PATIENT === 'true') channels.push('patient')
  return channels
}
