import type { NotificationRow, NotificationTopic } from '../../notifications'
import type { RequestRow } from '../store/schema'
import { staleReminderReason } from './reminders'
import type { AppointmentState } from './vocabulary'

/** The state an appointment is in while an email on each topic still tells the patient the truth. */
const stateTold: Partial<Record<NotificationTopic, AppointmentState>> = {
  proposed: 'proposed',
  confirmed: 'confirmed',
  moved: 'confirmed',
  cancelled: 'cancelled',
  declined: 'declined',
  expired: 'expired',
}

type Job = {
  request: Pick<RequestRow, 'appointmentState' | 'appointmentSequence' | 'confirmedStart' | 'status'>
  notification: Pick<NotificationRow, 'channel' | 'topic' | 'appointmentSequence'>
}

/**
 * Why an email to the patient about their appointment must not go out after
 * all, or null when it still holds (and for any other notification). Judged
 * just before sending against the appointment as it stands: a reminder by its
 * own rules (`staleReminderReason`), any other email when the appointment has
 * left the state it tells of, or has changed since it was written (its
 * SEQUENCE is not the email's), so a "confirmed" retried after the clinic
 * cancelled never reaches the patient after the cancellation. A message from
 * the inbox is held back only when its request was marked as spam since.
 */
export function supersededEmailReason(job: Job, now: Date): string | null {
  const { request, notification } = job
  // A message written from the inbox is the practitioner's to send, unless the request was since found to be spam.
  if (notification.channel === 'reply') return request.status === 'spam' ? 'superseded: the request was marked as spam' : null
  if (notification.channel !== 'appointment' && notification.channel !== 'confirmation') return null
  if (notification.topic === 'reminder') return staleReminderReason(job, now)
  const told = stateTold[notification.channel === 'confirmation' ? 'confirmed' : notification.topic]
  if (!told) return null
  if (request.appointmentState !== told) return `superseded: the appointment is now ${request.appointmentState ?? 'not a booking'}`
  if (notification.appointmentSequence !== request.appointmentSequence) return 'superseded: the appointment was changed after this email was written'
  return null
}
