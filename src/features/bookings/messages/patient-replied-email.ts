import { emailClinicOf, inboxLink, type NotificationContent, type NotifySettings, renderEmail } from '../../notifications'
import type { NotificationJob } from '../store/notification-jobs'

/** The practitioner's notice that a patient's email came into a request's thread: its subject, its words and the link. */
export function describePatientReplied({ request }: Pick<NotificationJob, 'request'>, settings: Pick<NotifySettings, 'siteUrl'>) {
  return {
    subject: `A patient replied to ${request.reference}`,
    paragraph: `The patient wrote back by email about ${request.reference}. Their message is in the request's thread in the inbox.`,
    link: inboxLink(request.id, settings),
  }
}

/**
 * The practitioner's email when a patient's reply lands in the thread. Like
 * every notice it carries none of what the patient wrote, whatever
 * NOTIFY_DETAILS says: the reply is read in the inbox.
 */
export async function composePatientRepliedEmail(job: Pick<NotificationJob, 'request'>, settings: NotifySettings): Promise<NotificationContent> {
  const notice = describePatientReplied(job, settings)
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: notice.subject,
    blocks: [{ paragraph: notice.paragraph }, { note: 'What patients write stays out of notifications: open the request to read it.' }],
    button: { label: 'Open the request in the inbox', href: notice.link },
  })
  return { subject: notice.subject, ...email }
}
