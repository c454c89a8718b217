import type { NotificationChannel } from './domain/vocabulary'

/**
 * The channels this deployment notifies through, read from its configuration.
 * The patient's acknowledgement is on unless ACK_PATIENT is exactly "false":
 * a patient who hears nothing after sending a request does not know it arrived.
 */
export function configuredChannels(env: Pick<Env, 'NOTIFY_TO'> & { NOTIFY_WEBHOOK_URL?: string; ACK_PATIENT?: string }): NotificationChannel[] {
  const channels: NotificationChannel[] = []
  if (env.NOTIFY_TO) channels.push('email')
  if (env.NOTIFY_WEBHOOK_URL) channels.push('webhook')
  if (acknowledgesPatients(env)) channels.push('patient')
  return channels
}

/** Whether requests are acknowledged to the patient: absent or anything but "false" means yes. */
export const acknowledgesPatients = (env: { ACK_PATIENT?: string }): boolean => env.ACK_PATIENT !== 'false'
