import type { NotificationRow, NotificationTopic } from '../../notifications'

/** What each topic tells, and to whom: the clinic hears of requests and of what the patient did, the patient of their appointment. */
const topics: Record<NotificationTopic, { what: string; to: 'the clinic' | 'the patient' }> = {
  request: { what: 'New request', to: 'the clinic' },
  proposed: { what: 'Proposed times', to: 'the patient' },
  confirmed: { what: 'Confirmation', to: 'the patient' },
  moved: { what: 'New time', to: 'the patient' },
  cancelled: { what: 'Cancellation', to: 'the patient' },
  declined: { what: 'Decline', to: 'the patient' },
  expired: { what: 'Expiry notice', to: 'the patient' },
  reminder: { what: 'Reminder', to: 'the patient' },
  'patient-chose': { what: 'The patient’s choice', to: 'the clinic' },
  'patient-cancelled': { what: 'The patient’s cancellation', to: 'the clinic' },
  'patient-asked': { what: 'The patient’s request for other times', to: 'the clinic' },
  'waitlist-joined': { what: 'Waitlist welcome', to: 'the patient' },
  'waitlist-offer': { what: 'Waitlist offer', to: 'the patient' },
  reply: { what: 'Message', to: 'the patient' },
  'patient-replied': { what: 'The patient’s reply', to: 'the clinic' },
}

/**
 * One line of the request page's delivery list: what was sent, to whom and
 * how, such as "Reminder to the patient by email" or "New request to the
 * clinic by webhook". The `patient` channel is the acknowledgement of the
 * request, the older `confirmation` channel the confirmation.
 */
export function describeDelivery({ channel, topic }: Pick<NotificationRow, 'channel' | 'topic'>): string {
  const by = channel === 'webhook' ? 'webhook' : 'email'
  if (channel === 'patient') return 'Acknowledgement to the patient by email'
  if (channel === 'confirmation') return 'Confirmation to the patient by email'
  const { what, to } = topics[topic]
  return `${what} to ${to} by ${by}`
}

/** How each notification state reads in the ledger; why one was not sent is its recorded reason, beside it. */
export const deliveryStates: Record<NotificationRow['status'], string> = {
  pending: 'pending',
  sent: 'sent',
  failed: 'failed',
  unknown: 'may have been sent',
  skipped: 'not sent',
}
