import type { EmailBlock } from '../../notifications'
import { formatAppointmentTime } from '../appointment-times'
import type { RequestRow } from '../store/schema'

export { formatAppointmentTime, formatPreferred, formatShortTime } from '../appointment-times'

/** The appointment topics that send the patient an email. */
export type PatientTopic = 'proposed' | 'confirmed' | 'moved' | 'cancelled' | 'declined' | 'expired' | 'reminder'

/** What the patient's email on a topic says: its subject, heading, body and its one button. */
export interface AppointmentTexts {
  subject: string
  heading: string
  blocks: EmailBlock[]
  button: { label: string; href: string }
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

function requireTime(start: Date | null): string {
  if (!start) throw new Error('the appointment has no confirmed time')
  return formatAppointmentTime(start)
}

const policyWords = (facts: TextFacts) =>
  `You can cancel on your page up to ${facts.cancelNoticeHours} hours before the start. Closer to the time, please call us on ${facts.clinicPhone}, so that someone else can have the time.`

/** When, where, what and the reference of a booked time, as a table: "Appointment, at 123 Example Street" read badly as a sentence. */
const bookedFacts = (facts: TextFacts, when: string): EmailBlock => ({
  facts: [
    { label: 'When', value: when },
    { label: 'Where', value: facts.clinicAddress },
    ...(facts.treatment ? [{ label: 'Treatment', value: facts.treatment }] : []),
    { label: 'Reference', value: facts.request.reference },
  ],
})

const referenceFact = (facts: TextFacts): EmailBlock => ({ facts: [{ label: 'Reference', value: facts.request.reference }] })
const seeAppointment = (facts: TextFacts) => ({ label: 'See your appointment', href: facts.manageLink })
const bookAgain = (facts: TextFacts) => ({ label: 'Book an appointment', href: facts.bookLink })
const pageLink = (facts: TextFacts): EmailBlock => ({ list: [{ text: 'Your appointment page', href: facts.manageLink }] })
const note = (reason: string | null): EmailBlock[] => (reason ? [{ paragraph: `The practitioner's note: ${reason}` }] : [])

type Writer = (facts: TextFacts) => AppointmentTexts

/** The emails of a booked time: confirmed, moved and the reminder say it the same way. */
const bookedTime =
  (subjectWords: string, heading: string, opening: (facts: TextFacts, time: string) => string, invitationWords: string): Writer =>
  (facts) => {
    const time = requireTime(facts.request.confirmedStart)
    return {
      subject: `${subjectWords}${time}`,
      heading,
      blocks: [{ paragraph: opening(facts, time) }, bookedFacts(facts, time), { paragraph: invitationWords }, { note: policyWords(facts) }],
      button: seeAppointment(facts),
    }
  }

const writers: Record<PatientTopic, Writer> = {
  proposed: (facts) => ({
    subject: `Times for your appointment ${facts.request.reference}`,
    heading: 'Times we can offer you',
    blocks: [
      { paragraph: `Thank you for your booking request to ${facts.clinicName}. We can offer you these times:` },
      { list: facts.proposals.map((proposal) => ({ text: formatAppointmentTime(proposal.start) })) },
      { paragraph: 'Please choose one on your page. If none suits you, you can ask for other times there.' },
      referenceFact(facts),
    ],
    button: { label: 'Choose a time', href: facts.manageLink },
  }),
  confirmed: bookedTime(
    'Your appointment is confirmed: ',
    'Your appointment is confirmed',
    (facts) => `Your appointment at ${facts.clinicName} is confirmed.`,
    'The attached invitation adds it to your calendar.',
  ),
  moved: bookedTime(
    'Your appointment has moved: ',
    'Your appointment has moved',
    (facts, time) => `Your appointment at ${facts.clinicName} has moved to ${time}.`,
    'The attached invitation updates your calendar.',
  ),
  reminder: bookedTime(
    'Reminder: your appointment on ',
    'A reminder of your appointment',
    (facts) => `This is a reminder of your appointment at ${facts.clinicName}.`,
    'The attached invitation keeps your calendar up to date.',
  ),
  cancelled: (facts) => {
    const time = facts.request.confirmedStart ? ` for ${formatAppointmentTime(facts.request.confirmedStart)}` : ''
    const byPatient = facts.request.cancelledBy === 'patient'
    return {
      subject: `Your appointment ${facts.request.reference} is cancelled`,
      heading: 'Your appointment is cancelled',
      blocks: [
        {
          paragraph: byPatient
            ? `You cancelled your appointment${time} at ${facts.clinicName}. Thank you for letting us know.`
            : `We are sorry: ${facts.clinicName} has had to cancel your appointment${time}.`,
        },
        ...note(byPatient ? null : facts.request.appointmentReason),
        ...(facts.request.confirmedStart ? [{ paragraph: 'The attached cancellation removes it from your calendar.' }] : []),
        { paragraph: 'You are welcome to request another appointment at any time.' },
        referenceFact(facts),
        pageLink(facts),
      ],
      button: bookAgain(facts),
    }
  },
  declined: (facts) => ({
    subject: `About your booking request ${facts.request.reference}`,
    heading: 'About your booking request',
    blocks: [
      { paragraph: `Thank you for your booking request to ${facts.clinicName}. We are sorry that we cannot offer you an appointment this time.` },
      ...note(facts.request.appointmentReason),
      { paragraph: 'You are welcome to request another time.' },
      referenceFact(facts),
      pageLink(facts),
    ],
    button: bookAgain(facts),
  }),
  expired: (facts) => ({
    subject: `About your booking request ${facts.request.reference}`,
    heading: 'About your booking request',
    blocks: [
      { paragraph: `We are sorry: we could not answer your booking request to ${facts.clinicName} in time.` },
      { paragraph: `Please call us on ${facts.clinicPhone}, or send a new request.` },
      referenceFact(facts),
      pageLink(facts),
    ],
    button: bookAgain(facts),
  }),
}

/** What the patient's email on `topic` says: the clinic's words, the reference and the times, nothing the patient typed. */
export const writeAppointmentTexts = (topic: PatientTopic, facts: TextFacts): AppointmentTexts => writers[topic](facts)
