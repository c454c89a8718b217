import type { NotificationTopic } from '../../notifications'
import type { NotificationJob } from '../store/notification-jobs'
import { formatAppointmentTime, formatPreferred, formatShortTime } from './appointment-texts'

/** What the patient did on their page, told to the practitioner. */
export type PatientActionTopic = 'patient-chose' | 'patient-cancelled' | 'patient-asked'

export const isPatientAction = (topic: NotificationTopic): topic is PatientActionTopic =>
  topic === 'patient-chose' || topic === 'patient-cancelled' || topic === 'patient-asked'

/** A notice of a patient's action: fixed words, the reference and times only, never a health detail. */
export interface PatientActionNotice {
  topic: PatientActionTopic
  subject: string
  lines: string[]
  /** The request in the practitioner inbox. */
  link: string
  /** The appointment's time (chosen or cancelled), if it has one. */
  start: Date | null
  /** The patient's new preferred times (patient-asked). */
  preferredTimes: string[]
}

/**
 * The practitioner's notice of a choice, a cancellation or a request for
 * other times made on the patient's page, read at sending time; `link`
 * opens the request in the inbox.
 */
export function describePatientAction(topic: PatientActionTopic, { request, preferredTimes }: NotificationJob, link: string): PatientActionNotice {
  const start = request.confirmedStart
  const times = topic === 'patient-asked' ? preferredTimes.map(formatPreferred) : []
  const base = { topic, link, start, preferredTimes: times }
  switch (topic) {
    case 'patient-chose':
      return {
        ...base,
        subject: `${request.reference}: the patient chose ${start ? formatShortTime(start) : 'a time'}`,
        lines: [
          `The patient chose ${start ? formatAppointmentTime(start) : 'a proposed time'} for booking ${request.reference}. The appointment is confirmed.`,
        ],
      }
    case 'patient-cancelled':
      return {
        ...base,
        subject: `${request.reference}: the patient cancelled`,
        lines: [`The patient cancelled booking ${request.reference}${start ? `, which was confirmed for ${formatAppointmentTime(start)}` : ''}.`],
      }
    case 'patient-asked':
      return {
        ...base,
        subject: `${request.reference}: the patient asks for other times`,
        lines: [`The patient asks for other times for booking ${request.reference}. Their new preferred times:`, ...times.map((time) => `- ${time}`)],
      }
  }
}
