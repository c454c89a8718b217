import { formatPhone, phoneHref } from '../../../platform/phone'
import {
  type EmailBlock,
  emailClinicOf,
  formatInstantWithZone,
  inboxLink,
  isPlainAddress,
  multiLine,
  type NotificationContent,
  type NotifySettings,
  renderEmail,
  singleLine,
} from '../../notifications'
import { currentSettings } from '../../settings'
import { type PainType, painTypes } from '../domain/booking-schema'
import { findBookedTreatment } from '../domain/treatment'
import type { RequestKind } from '../domain/vocabulary'
import { writeReceipt } from '../receipt'
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
  const facts: Fact[] = [
    { label: 'Reference', value: request.reference },
    { label: 'Received', value: formatInstantWithZone(request.createdAt) },
    { label: 'Name', value: singleLine(request.name) },
    { label: 'Email', value: email, ...(isPlainAddress(email) ? { href: `mailto:${email}` } : {}) },
  ]
  if (request.phone) facts.push({ label: 'Phone', value: singleLine(formatPhone(request.phone, settings.clinicCountry), 40), href: phoneHref(request.phone) })
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

const openInInbox = 'Open the request in the inbox'

/** The practitioner's email: the request's facts in the clinic's layout, every value escaped, the button to the request. */
export async function composePractitionerEmail(job: NotificationJob, settings: NotifySettings): Promise<NotificationContent> {
  const { topic } = job.notification
  if (isPatientAction(topic)) return composePatientActionEmail(topic, job, settings)
  const summary = summarizeRequest(job, settings)
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: summary.heading,
    blocks: [{ facts: summary.facts }, ...(settings.details === 'full' ? [] : [{ note: withheldNote }])],
    button: { label: openInInbox, href: summary.link },
  })
  return { subject: summary.heading, ...email }
}

/** The practitioner's short notice of what the patient did on their page: no health detail, whatever NOTIFY_DETAILS says. */
async function composePatientActionEmail(topic: PatientActionTopic, job: NotificationJob, settings: NotifySettings): Promise<NotificationContent> {
  const notice = describePatientAction(topic, job, inboxLink(job.request.id, settings))
  const blocks: EmailBlock[] = [
    { paragraph: notice.lines[0] ?? notice.subject },
    ...(notice.preferredTimes.length > 0 ? [{ list: notice.preferredTimes.map((text) => ({ text })) }] : []),
  ]
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: notice.subject,
    blocks,
    button: { label: openInInbox, href: notice.link },
  })
  return { subject: notice.subject, ...email }
}

/**
 * The patient's acknowledgement: what they asked for (the kind, and a
 * booking's times), what happens next and when, the reference and the button
 * to their page, in the clinic's fixed words. Nothing the patient typed appears
 * in it, not even the name, so the form cannot be used to send arbitrary text
 * to any address.
 */
export async function composePatientAcknowledgement(
  { request, preferredTimes }: NotificationJob,
  settings: NotifySettings,
  manageLink: string,
): Promise<NotificationContent> {
  const kind = kindNames[request.kind]
  const receipt = writeReceipt(request, preferredTimes, currentSettings())
  const subject = `We received your ${kind} ${request.reference}`
  const facts: EmailBlock = {
    facts: [
      { label: 'You asked for', value: receipt.asked },
      ...(receipt.times.length > 0 ? [{ label: receipt.times.length > 1 ? 'Your times' : 'Your time', value: receipt.times.join('\n'), multiline: true }] : []),
      { label: 'Reference', value: receipt.reference },
    ],
  }
  const email = await renderEmail({
    clinic: emailClinicOf(settings),
    lang: settings.locale,
    heading: `We received your ${kind}`,
    blocks: [
      { paragraph: `Thank you for your ${kind} to ${settings.clinicName}.` },
      facts,
      ...receipt.next.map((paragraph) => ({ paragraph })),
      { paragraph: 'Please quote your reference if you contact us about this request.' },
    ],
    button: { label: 'See your request', href: manageLink },
    footnote: 'You receive this email because a request was sent from our website with this address. If it was not you, reply and tell us.',
  })
  return { subject, ...email }
}
