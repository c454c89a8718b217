import { currentSettings } from '../settings'
import { acknowledgesPatients } from './channels'

type DetailLevel = 'minimal' | 'full'

/** How emails leave: the send_email binding, or Resend's HTTP API. */
type EmailTransportName = 'binding' | 'resend'

export interface WebhookTarget {
  url: string
  secret: string
}

export interface NotifySettings {
  /** The clinic's own sending address (NOTIFY_FROM). */
  from: string
  /** The practitioner's address (NOTIFY_TO); empty means no email channel. */
  to: string
  /** Where patients' replies come back (REPLY_ADDRESS, subaddressed per request); empty sends them to the clinic's address. */
  replyAddress: string
  details: DetailLevel
  ackPatient: boolean
  webhook: WebhookTarget | undefined
  emailTransport: EmailTransportName
  /** Resend's API key (RESEND_API_KEY); empty when not set. */
  resendApiKey: string
  /** Hour of the day (0-23, clinic time zone) the digest is sent. */
  digestHour: number
  clinicName: string
  clinicEmail: string
  clinicPhone: string
  /** The clinic's street address on one line, as emails and invitations give it. */
  clinicAddress: string
  /** The clinic's country (ISO 3166 alpha-2): patients' phone numbers in it are shown in its national format. */
  clinicCountry: string
  siteUrl: string
  timeZone: string
  /** The clinic's locale, for dates and times in emails. */
  locale: string
}

export type NotifyEnv = Pick<Env, 'NOTIFY_FROM' | 'NOTIFY_TO' | 'NOTIFY_DETAILS' | 'ACK_PATIENT' | 'DIGEST_HOUR'> & {
  // Absent in a deployment whose wrangler.toml predates it: replies then go to the clinic's address.
  REPLY_ADDRESS?: string
  // Absent or anything but "resend" means the send_email binding.
  EMAIL_TRANSPORT?: string
  // Secrets: absent in a deployment that never set them, whatever the generated type says.
  NOTIFY_WEBHOOK_URL?: string
  NOTIFY_WEBHOOK_SECRET?: string
  RESEND_API_KEY?: string
  // Set only where the site is served from another address (npm run dev): absent in production.
  SITE_URL?: string
}

const defaultDigestHour = 7

/**
 * The notification settings, read once per invocation from vars and secrets,
 * with the clinic's details as the practice's settings hold them now.
 * The acknowledgement is on unless ACK_PATIENT=false.
 * Anything but NOTIFY_DETAILS=full means minimal: health details stay out unless
 * asked for explicitly, so a typo fails safe. Likewise anything but
 * EMAIL_TRANSPORT=resend means the send_email binding, the default. Links
 * in emails start at SITE_URL when it is set (local development, whose emails
 * a newcomer follows to their own server), else at the practice's siteUrl.
 */
export function readNotifySettings(env: NotifyEnv): NotifySettings {
  const hour = Number.parseInt(env.DIGEST_HOUR ?? '', 10)
  const clinic = currentSettings()
  const { street, locality, region, postalCode } = clinic.address
  return {
    from: env.NOTIFY_FROM ?? '',
    to: env.NOTIFY_TO ?? '',
    replyAddress: env.REPLY_ADDRESS?.includes('@') ? env.REPLY_ADDRESS : '',
    details: env.NOTIFY_DETAILS === 'full' ? 'full' : 'minimal',
    ackPatient: acknowledgesPatients(env),
    webhook: env.NOTIFY_WEBHOOK_URL ? { url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET ?? '' } : undefined,
    emailTransport: env.EMAIL_TRANSPORT === 'resend' ? 'resend' : 'binding',
    resendApiKey: env.RESEND_API_KEY ?? '',
    digestHour: hour >= 0 && hour <= 23 ? hour : defaultDigestHour,
    clinicName: clinic.clinicName,
    clinicEmail: clinic.email,
    clinicPhone: clinic.phone,
    clinicAddress: `${street}, ${locality}, ${region} ${postalCode}`,
    clinicCountry: clinic.address.country,
    siteUrl: env.SITE_URL || clinic.siteUrl,
    timeZone: clinic.timeZone,
    locale: clinic.locale,
  }
}
