import { formatPreferredTime } from '../../../platform/dates'
import { currentSettings } from '../../settings'
import type { RequestRow } from '../store/schema'

/** The appointment topics that send the patient an email. */
export type PatientTopic = 'proposed' | 'confirmed' | 'moved' | 'cancelled' | 'declined' | 'expired' | 'reminder'

/** A paragraph of an email: plain words, or a link shown as its label (HTML) and as "label: address" (text). */
export type Paragraph = string | { label: string; href: string }

export interface AppointmentTexts {
  subject: string
  paragraphs: Paragraph[]
}

/** What the texts are written from; the time is the request's current one at sending. */
export interface TextFacts {
  request: Pick<RequestRow, 'reference' | 'confirmedStart' | 'cancelledBy' | 'appointmentReason'>
  proposals: readonly { start: Date }[]
  /** The treatment's name, only under NOTIFY_DETAILS=full. */
  treatment: string | undefined
  clinicName: string
  clinicPhone: string
  clinicAddress: string
  manageLink: string
  bookLink: string
  cancelNoticeHours: number
}

const longTime: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }
const shortTime: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }

// Built at each use: the clinic's zone and locale are settings that may change between two emails.
const formatWallClock = (instant: Date, options: Intl.DateTimeFormatOptions): string => {
  const { locale, timeZone } = currentSettings()
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(instant)
}

/** "Tuesday, December 8, 2026 at 10:00 AM (America/Los_Angeles)": weekday, date and time on the clinic's wall clock. */
export const formatAppointmentTime = (instant: Date): string => `${formatWallClock(instant, longTime)} (${currentSettings().timeZone})`

/** "Tue, Dec 8, 10:00 AM" on the clinic's wall clock, for a subject line. */
export const formatShortTime = (instant: Date): string => formatWallClock(instant, shortTime)

/** A preferred time as the patient gave it: the exact start they picked from the free times, or a day and part of the day. */
export const formatPreferred = (time: { date: string; period: string; start?: Date | null }): string =>
  time.start ? formatAppointmentTime(time.start) : formatPreferredTime(time.date, time.period)

function requireTime(start: Date | null): string {
  if (!start) throw new Error('the appointment has no confirmed time')
  return formatAppointmentTime(start)
}

const policyWords = (facts: TextFacts) =>
  `You can cancel on your page up to ${facts.cancelNoticeHours} hours before the start. Closer to the time, please call us on ${facts.clinicPhone}, so that someone else can have the time.`

const where = (facts: TextFacts) => `${facts.treatment ?? 'Appointment'}, at ${facts.clinicAddress}.`

const pageLink = (facts: TextFacts): Paragraph => ({ label: 'Your appointment page', href: facts.manageLink })
const bookAgain = (facts: TextFacts): Paragraph => ({ label: 'Book an appointment', href: facts.bookLink })
const reference = (facts: TextFacts) => `Your reference is ${facts.request.reference}.`
const signature = (facts: TextFacts) => `${facts.clinicName}, ${facts.clinicPhone}`

type Writer = (facts: TextFacts) => AppointmentTexts

const writers: Record<PatientTopic, Writer> = {
  proposed: (facts) => ({
    subject: `Times for your appointment ${facts.request.reference}`,
    paragraphs: [
      `Thank you for your booking request to ${facts.clinicName}. We can offer you these times:`,
      facts.proposals.map((proposal) => `- ${formatAppointmentTime(proposal.start)}`).join('\n'),
      'Please choose one on your page. If none suits you, you can ask for other times there.',
      pageLink(facts),
      reference(facts),
      signature(facts),
    ],
  }),
  confirmed: (facts) => ({
    subject: `Your appointment is confirmed: ${requireTime(facts.request.confirmedStart)}`,
    paragraphs: [
      `Your appointment at ${facts.clinicName} is confirmed for ${requireTime(facts.request.confirmedStart)}.`,
      where(facts),
      `${reference(facts)} The attached invitation adds it to your calendar.`,
      policyWords(facts),
      pageLink(facts),
      signature(facts),
    ],
  }),
  moved: (facts) => ({
    subject: `Your appointment has moved: ${requireTime(facts.request.confirmedStart)}`,
    paragraphs: [
      `Your appointment at ${facts.clinicName} has moved to ${requireTime(facts.request.confirmedStart)}.`,
      where(facts),
      `${reference(facts)} The attached invitation updates your calendar.`,
      policyWords(facts),
      pageLink(facts),
      signature(facts),
    ],
  }),
  cancelled: (facts) => {
    const time = facts.request.confirmedStart ? ` for ${formatAppointmentTime(facts.request.confirmedStart)}` : ''
    const byPatient = facts.request.cancelledBy === 'patient'
    return {
      subject: `Your appointment ${facts.request.reference} is cancelled`,
      paragraphs: [
        byPatient
          ? `You cancelled your appointment${time} at ${facts.clinicName}. Thank you for letting us know.`
          : `We are sorry: ${facts.clinicName} has had to cancel your appointment${time}.`,
        ...(!byPatient && facts.request.appointmentReason ? [`The practitioner's note: ${facts.request.appointmentReason}`] : []),
        ...(facts.request.confirmedStart ? ['The attached cancellation removes it from your calendar.'] : []),
        'You are welcome to request another appointment at any time.',
        bookAgain(facts),
        pageLink(facts),
        reference(facts),
        signature(facts),
      ],
    }
  },
  declined: (facts) => ({
    subject: `About your booking request ${facts.request.reference}`,
    paragraphs: [
      `Thank you for your booking request to ${facts.clinicName}. We are sorry that we cannot offer you an appointment this time.`,
      ...(facts.request.appointmentReason ? [`The practitioner's note: ${facts.request.appointmentReason}`] : []),
      'You are welcome to request another time.',
      bookAgain(facts),
      pageLink(facts),
      reference(facts),
      signature(facts),
    ],
  }),
  expired: (facts) => ({
    subject: `About your booking request ${facts.request.reference}`,
    paragraphs: [
      `We are sorry: we could not answer your booking request to ${facts.clinicName} in time.`,
      `Please call us on ${facts.clinicPhone}, or send a new request.`,
      bookAgain(facts),
      pageLink(facts),
      reference(facts),
      signature(facts),
    ],
  }),
  reminder: (facts) => ({
    subject: `Reminder: your appointment on ${requireTime(facts.request.confirmedStart)}`,
    paragraphs: [
      `This is a reminder of your appointment at ${facts.clinicName} on ${requireTime(facts.request.confirmedStart)}.`,
      where(facts),
      `${reference(facts)} The attached invitation keeps your calendar up to date.`,
      policyWords(facts),
      pageLink(facts),
      signature(facts),
    ],
  }),
}

/** The subject and paragraphs of the patient's email on `topic`: the clinic's words, the reference and the times, nothing the patient typed. */
export const writeAppointmentTexts = (topic: PatientTopic, facts: TextFacts): AppointmentTexts => writers[topic](facts)
