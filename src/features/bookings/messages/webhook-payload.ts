import { escapeChatText, inboxLink, multiLine, type NotifySettings, singleLine } from '../../notifications'
import type { NotificationJob } from '../store/notification-jobs'
import { formatPreferred } from './appointment-texts'
import { describePatientAction, isPatientAction, type PatientActionTopic } from './patient-action'
import { describePatientReplied } from './patient-replied-email'
import { summarizeRequest } from './request-email'

export interface WebhookPayload {
  /** A readable line for Slack, Discord (its /slack URL) and ntfy-style endpoints. */
  text: string
  event: 'request.received'
  kind: string
  reference: string
  requestId: string
  receivedAt: string
  link: string
  patient: { name: string; email: string; phone: string | null; preferredContact: string | null }
  /** `start` (ISO 8601) when the patient picked an exact free start, else null. */
  preferredTimes: { date: string; period: string; start: string | null }[]
  /** Only with NOTIFY_DETAILS=full. */
  details?: { service: string | null; pain: string | null; patientStatus: string | null; message: string | null; notes: string | null }
}

/** A patient's action on their page: the reference, the link and the time, never a health detail. */
export interface PatientActionPayload {
  text: string
  event: `appointment.${PatientActionTopic}`
  reference: string
  requestId: string
  link: string
  /** The appointment's start (chosen, or the cancelled one), ISO 8601; null without one. */
  time: string | null
  /** The patient's new preferred times, for appointment.patient-asked. */
  preferredTimes: { date: string; period: string }[]
}

/** A patient's email came into the request's thread: the reference and the link, never what they wrote. */
export interface PatientRepliedPayload {
  text: string
  event: 'request.patient-replied'
  reference: string
  requestId: string
  link: string
}

function buildPatientActionPayload(topic: PatientActionTopic, job: NotificationJob, settings: NotifySettings): PatientActionPayload {
  const notice = describePatientAction(topic, job, inboxLink(job.request.id, settings))
  return {
    text: escapeChatText(`${notice.subject}. Open: ${notice.link}`),
    event: `appointment.${topic}`,
    reference: job.request.reference,
    requestId: job.request.id,
    link: notice.link,
    time: notice.start?.toISOString() ?? null,
    preferredTimes: topic === 'patient-asked' ? job.preferredTimes.map((time) => ({ date: time.date, period: time.period })) : [],
  }
}

/**
 * The JSON body: for a new request the same facts as the email, health
 * details only with NOTIFY_DETAILS=full; for a patient's action on their page
 * or their email into the thread its own short event.
 */
export function buildWebhookPayload(job: NotificationJob, settings: NotifySettings): WebhookPayload | PatientActionPayload | PatientRepliedPayload {
  const { request } = job
  const { topic } = job.notification
  if (isPatientAction(topic)) return buildPatientActionPayload(topic, job, settings)
  if (topic === 'patient-replied') {
    const notice = describePatientReplied(job, settings)
    return {
      text: escapeChatText(`${notice.subject}. Open: ${notice.link}`),
      event: 'request.patient-replied',
      reference: request.reference,
      requestId: request.id,
      link: notice.link,
    }
  }
  const summary = summarizeRequest(job, settings)
  const name = singleLine(request.name)
  const [first] = job.preferredTimes
  const times = first ? ` First choice: ${formatPreferred(first)}.` : ''
  return {
    text: escapeChatText(`${summary.heading} from ${name} (${singleLine(request.email, 254)}).${times} Open: ${summary.link}`),
    event: 'request.received',
    kind: request.kind,
    reference: request.reference,
    requestId: request.id,
    receivedAt: request.createdAt.toISOString(),
    link: summary.link,
    patient: {
      name,
      email: singleLine(request.email, 254),
      phone: request.phone ? singleLine(request.phone, 40) : null,
      preferredContact: request.preferredContact,
    },
    preferredTimes: job.preferredTimes.map((time) => ({ date: time.date, period: time.period, start: time.start?.toISOString() ?? null })),
    ...(settings.details === 'full'
      ? {
          details: {
            service: request.serviceId,
            pain: request.painType,
            patientStatus: request.patientStatus,
            message: request.message === null ? null : multiLine(request.message),
            notes: request.notes === null ? null : multiLine(request.notes),
          },
        }
      : {}),
  }
}
