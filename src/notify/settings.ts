import { practice } from '../config'

export type DetailLevel = 'minimal' | 'full'

export interface WebhookTarget {
  url: string
  secret: string
}

export interface NotifySettings {
  /** The clinic's own sending address (NOTIFY_FROM). */
  from: string
  /** The practitioner's address (NOTIFY_TO); empty means no email channel. */
  to: string
  details: DetailLevel
  ackPatient: boolean
  webhook: WebhookTarget | undefined
  /** Hour of the day (0-23, clinic time zone) the digest is sent. */
  digestHour: number
  clinicName: string
  clinicEmail: string
  siteUrl: string
  timeZone: string
}

export type NotifyEnv = Pick<Env, 'NOTIFY_FROM' | 'NOTIFY_TO' | 'NOTIFY_DETAILS' | 'ACK_PATIENT' | 'DIGEST_HOUR'> & {
  // Secrets: absent in a deployment that never set them, whatever the generated type says.
  NOTIFY_WEBHOOK_URL?: string
  NOTIFY_WEBHOOK_SECRET?: string
}

const defaultDigestHour = 7

/**
 * The notification settings, read once per invocation from vars and secrets.
 * Anything but NOTIFY_DETAILS=full means minimal: health details stay out unless
 * asked for explicitly, so a typo fails safe.
 */
export function readNotifySettings(env: NotifyEnv): NotifySettings {
  const hour = Number.parseInt(env.DIGEST_HOUR ?? '', 10)
  return {
    from: env.NOTIFY_FROM ?? '',
    to: env.NOTIFY_TO ?? '',
    details: env.NOTIFY_DETAILS === 'full' ? 'full' : 'minimal',
    ackPatient: env.ACK_PATIENT === 'true',
    webhook: env.NOTIFY_WEBHOOK_URL ? { url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET ?? '' } : undefined,
    digestHour: hour >= 0 && hour <= 23 ? hour : defaultDigestHour,
    clinicName: practice.clinicName,
    clinicEmail: practice.email,
    siteUrl: practice.siteUrl,
    timeZone: practice.timeZone,
  }
}
