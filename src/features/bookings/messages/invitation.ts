import { appointmentUid, invitationIcs, type NotifySettings } from '../../notifications'
import type { NotificationJob } from '../store/notification-jobs'
import type { PatientTopic } from './appointment-texts'

/** The calendar method each patient email carries; the others carry no invitation. */
const methods: Partial<Record<PatientTopic, 'REQUEST' | 'CANCEL'>> = { confirmed: 'REQUEST', moved: 'REQUEST', reminder: 'REQUEST', cancelled: 'CANCEL' }

/**
 * The `.ics` attached to a patient's email: one UID per appointment, so a
 * move updates and a cancellation removes the same calendar entry, with the
 * notification's SEQUENCE and its creation as DTSTAMP (the same bytes on every
 * retry). None for a topic without a booked time, or a cancellation of a
 * booking that never had one.
 */
export function buildInvitation(
  topic: PatientTopic,
  { request, notification }: NotificationJob,
  { settings, treatment, manageLink }: { settings: NotifySettings; treatment: string | undefined; manageLink: string },
): { method: 'REQUEST' | 'CANCEL'; ics: string } | null {
  const method = methods[topic]
  if (!method || !request.confirmedStart || !request.confirmedEnd) return null
  const ics = invitationIcs(
    {
      uid: appointmentUid(request.id, settings.siteUrl),
      sequence: notification.appointmentSequence ?? request.appointmentSequence,
      start: request.confirmedStart,
      end: request.confirmedEnd,
      stamp: notification.createdAt,
      summary: `${treatment ?? 'Appointment'} at ${settings.clinicName}`,
      description: `Reference ${request.reference}. To change or cancel, open your appointment page: ${manageLink}`,
      location: settings.clinicAddress,
      status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      organizer: { name: settings.clinicName, email: settings.clinicEmail },
      attendee: { name: request.name, email: request.email },
      url: manageLink,
    },
    method,
  )
  return { method, ics }
}
