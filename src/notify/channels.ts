import type { NotificationChannel } from '../db/schema'

/** The channels this deployment notifies through, read from its configuration. */
export function configuredChannels(env: Pick<Env, 'NOTIFY_TO'> & { NOTIFY_WEBHOOK_URL?: string }): NotificationChannel[] {
  const channels: NotificationChannel[] = []
  if (env.NOTIFY_TO) channels.push('email')
  if (env.NOTIFY_WEBHOOK_URL) channels.push('webhook')
  return channels
}
