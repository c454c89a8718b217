import type { NotifySettings } from './settings'

/** A composed message: the subject is built from fixed words and the reference only, never patient input. */
export interface NotificationContent {
  subject: string
  text: string
  html: string
}

/** The request in the practitioner inbox. */
export const inboxLink = (requestId: string, settings: Pick<NotifySettings, 'siteUrl'>) =>
  new URL(`/admin/requests/${encodeURIComponent(requestId)}`, settings.siteUrl).toString()
