import { html } from 'hono/html'
import { writeAcknowledgement } from '../../../config'
import {
  formatInstantWithZone,
  inboxLink,
  isPlainAddress,
  multiLine,
  type NotificationContent,
  type NotifySettings,
  renderEmailDocument,
  singleLine,
} from '../../notifications'
import { currentSettings } from '../../settings'
import { type PainType, painTypes } from '../domain/booking-schema'
import { findBookedTreatment } from '../domain/treatment'
import type { RequestKind } from '../domain/vocabulary'
import type { NotificationJob } from '../store/notification-jobs'
import { formatAppointmentTime, formatPreferred } from './appointment-texts'
import { describePatientAction, isPatientAction, type PatientActionTopic } from './patient-action'

/** One row of a notification; values are already made single-line (or multi-line) and bounded. */
interface Fact {
  label: string
  value: string
  href?: string
  multiline?: boolean
}

export interface RequestSummary {
  heading: string
  facts: Fact[]
  /** The request in the practitioner inbox. */
  link: string
}

const kindNames: Record<RequestKind, string> = { booking: 'booking request', contact: 'contact request' }

/** A time the patient took is a booking already confirmed, not a request waiting for the practitioner. */
const headingFor = (request: NotificationJob['request']) =>
  request.kind === 'booking' && request.bookedVia !== 'request' ? `New booking ${request.reference}` : `New ${kindNames[request.kind]} ${request.reference}`

const takenHow = { direct: 'booked directly', waitlist: 'taken from the waitlist' } as const

const withheldNote = 'Health details (message, notes, pain) are kept out of notifications: open the request in the inbox to read them.'

/**
 * What the practitioner is told about a request. Health details (message,
 * notes, pain description, service) only with NOTIFY_DETAILS=full.
 */
export function summarizeRequest({ request, preferredTimes }: NotificationJob, settings: NotifySettings): RequestSummary {
  const email = singleLine(request.email, 254)
  const phone = request.phone ? singleLine(request.phone, 40) : undefined
  const facts: Fact[] = [
    { label: 'Reference', value: request.reference },
    { label: 'Received', value: formatInstantWithZone(request.createdAt) },
    { label: 'Name', value: singleLine(request.name) },
    { label: 'Email', value: email, ...(isPlainAddress(email) ? { href: `mailto:${email}` } : {}) },
  ]
  if (phone) facts.push({ label: 'Phone', value: phone, ...(/^\+?\d+$/.test(phone) ? { href: `tel:${phone}` } : {}) })
  if (request.bookedVia !== 'request' && request.confirmedStart) {
    facts.push({ label: 'Appointment', value: `${formatAppointmentTime(request.confirmedStart)}, ${takenHow[request.bookedVia]} and confirmed` })
  }
  if (request.preferredContact) facts.push({ label: 'Reply by', value: request.preferredContact === 'phone' ? 'Phone' : 'Email' })
  if (preferredTimes.length > 0) {
    facts.push({ label: 'Preferred times', value: preferredTimes.map(formatPreferred).join('\n'), multiline: true })
  }
  if (settings.details === 'full') {
    const treatment = findBookedTreatment(request, currentSettings().allServices)
    if (treatment) facts.push({ label: 'Treatment', value: treatment.name })
    if (request.painType) facts.push({ label: 'Pain', value: painTypes[request.painType as PainType] ?? singleLine(request.painType) })
    if (request.patientStatus) facts.push({ label: 'Patient', value: request.patientStatus === 'returning' ? 'Returning' : 'New' })
    if (request.message) facts.push({ label: 'Message', value: multiLine(request.message), multiline: true })
    if (request.notes) facts.push({ label: 'Notes', value: multiLine(request.notes), multiline: true })
  }
  return { heading: headingFor(request), facts, link: inboxLink(request.id, settings) }
}

const indent = (value: string) => value.replace(/\n/g, '\n  ')

/** The practitioner's email: plain text and HTML from the same facts, every value escaped in the HTML. */
export async function composePractitionerEmail(job: NotificationJob, settings: NotifySettings): Promise<NotificationContent> {
  const { topic } = job.notification
  if (isPatientAction(topic)) return composePatientActionEmail(topic, job, settings)
  const summary = summarizeRequest(job, settings)
  const lines = summary.facts.map((fact) => (fact.multiline ? `${fact.label}:\n  ${indent(fact.value)}` : `${fact.label}: ${fact.value}`))
  const note = settings.details === 'full' ? [] : ['', withheldNote]
  const text = [summary.heading, '', ...lines, ...note, '', `Open in the inbox: ${summary.link}`, ''].join('\n')
  const body = html`<h1 style="font-size:20px">${summary.heading}</h1>
    <table cellpadding="4" style="border-collapse:collapse">
      ${summary.facts.map(
        (fact) =>
          html`<tr><th align="left" valign="top">${fact.label}</th><td${fact.multiline ? html` style="white-space:pre-wrap"` : ''}>${fact.href ? html`<a href="${fact.href}">${fact.value}</a>` : fact.value}</td></tr>`,
      )}
    </table>
    ${settings.details === 'full' ? '' : html`<p>${withheldNote}</p>`}
    <p><a href="${summary.link}">Open the request in the inbox</a></p>`
  return { subject: summary.heading, text, html: await renderEmailDocument(summary.heading, body) }
}

/** The practitioner's short notice of what the patient did on their page: no health detail, whatever NOTIFY_DETAILS says. */
async function composePatientActionEmail(topic: PatientActionTopic, job: NotificationJob, settings: NotifySettings): Promise<NotificationContent> {
  const notice = describePatientAction(topic, job, inboxLink(job.request.id, settings))
  const text = [...notice.lines, '', `Open in the inbox: ${notice.link}`, ''].join('\n')
  const body = html`<p style="white-space:pre-line">${notice.lines.join('\n')}</p>
    <p><a href="${notice.link}">Open the request in the inbox</a></p>`
  return { subject: notice.subject, text, html: await renderEmailDocument(notice.subject, body) }
}

/**
 * The patient's acknowledgement: the clinic's fixed words with the reference
 * and what happens next. Nothing the patient typed appears in it, not even the
 * name, so the form cannot be used to send arbitrary text to any address.
 */
export async function composePatientAcknowledgement({ request }: NotificationJob, settings: NotifySettings): Promise<NotificationContent> {
  const kind = kindNames[request.kind]
  const subject = `We received your ${kind} ${request.reference}`
  const paragraphs = [
    `Thank you for your ${kind} to ${settings.clinicName}.`,
    `Your reference is ${request.reference}. Please quote it if you contact us about this request.`,
    writeAcknowledgement(request.kind, currentSettings()),
    `${settings.clinicName}, ${settings.clinicPhone}, ${settings.clinicEmail}`,
    'You receive this email because a request was sent from our website with this address. If it was not you, reply and tell us.',
  ]
  const body = html`${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}`
  return { subject, text: `${paragraphs.join('\n\n')}\n`, html: await renderEmailDocument(subject, body) }
}
