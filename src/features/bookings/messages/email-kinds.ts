import { composeDigest, type NotifySettings } from '../../notifications'
import { composeAppointmentEmail } from './appointment-email'
import type { PatientTopic } from './appointment-texts'
import type { EmailSamples } from './email-samples'
import { composePatientRepliedEmail } from './patient-replied-email'
import { composeReplyEmail } from './reply-email'
import { composePatientAcknowledgement, composePractitionerEmail } from './request-email'
import { composeWaitlistEmail } from './waitlist-email'

/** One email as its recipient reads it. */
interface PreviewedEmail {
  subject: string
  html: string
  text: string
}

export interface EmailKind {
  kind: string
  audience: 'patient' | 'practitioner'
  title: string
  compose(samples: EmailSamples, settings: NotifySettings): Promise<PreviewedEmail>
}

const asPreview = (email: { subject: string; html?: string; text?: string }): PreviewedEmail => ({
  subject: email.subject,
  html: email.html ?? '',
  text: email.text ?? '',
})

const appointment = (topic: PatientTopic, title: string, change: Parameters<EmailSamples['job']>[3] = {}): EmailKind => ({
  kind: topic,
  audience: 'patient',
  title,
  compose: async (samples, settings) =>
    asPreview(
      await composeAppointmentEmail(samples.job('booking', 'appointment', topic, change), {
        settings,
        manageLink: samples.manageLink,
        proposals: topic === 'proposed' ? [{ start: samples.at(1, '10:00') }, { start: samples.at(3, '14:30') }] : [],
        replyTo: samples.replyTo,
      }),
    ),
})

const practitioner = (kind: string, title: string, job: (samples: EmailSamples) => ReturnType<EmailSamples['job']>): EmailKind => ({
  kind,
  audience: 'practitioner',
  title,
  compose: async (samples, settings) => asPreview(await composePractitionerEmail(job(samples), settings)),
})

const waiting = { appointmentState: 'requested', confirmedStart: null, confirmedEnd: null } as const

/**
 * Every kind of email the site sends, each written by the composer that sends
 * it, from sample data: what the inbox's previews list, in this order.
 */
export const emailKinds: readonly EmailKind[] = [
  {
    kind: 'acknowledgement-booking',
    audience: 'patient',
    title: 'Acknowledgement of a booking request',
    compose: async (samples, settings) =>
      asPreview(await composePatientAcknowledgement(samples.job('booking', 'patient', 'request', waiting), settings, samples.manageLink)),
  },
  {
    kind: 'acknowledgement-contact',
    audience: 'patient',
    title: 'Acknowledgement of a question',
    compose: async (samples, settings) =>
      asPreview(await composePatientAcknowledgement(samples.job('contact', 'patient', 'request'), settings, samples.manageLink)),
  },
  appointment('proposed', 'Times proposed', { appointmentState: 'proposed', confirmedStart: null, confirmedEnd: null }),
  appointment('confirmed', 'Appointment confirmed'),
  appointment('moved', 'Appointment moved'),
  appointment('reminder', 'Reminder'),
  appointment('cancelled', 'Appointment cancelled by the clinic', {
    appointmentState: 'cancelled',
    cancelledBy: 'clinic',
    appointmentReason: 'The clinic is closed that day.',
  }),
  appointment('declined', 'Booking request declined', { ...waiting, appointmentState: 'declined', appointmentReason: 'No evening times this month.' }),
  appointment('expired', 'Booking request expired', { ...waiting, appointmentState: 'expired' }),
  {
    kind: 'waitlist-joined',
    audience: 'patient',
    title: 'Joined the waitlist',
    compose: async (samples, settings) => asPreview(await composeWaitlistEmail(samples.waitlistJob(false), settings, samples.waitlistLink)),
  },
  {
    kind: 'waitlist-offer',
    audience: 'patient',
    title: 'A time came free (waitlist offer)',
    compose: async (samples, settings) => asPreview(await composeWaitlistEmail(samples.waitlistJob(true), settings, samples.waitlistLink)),
  },
  {
    kind: 'reply',
    audience: 'patient',
    title: 'A message from the inbox',
    compose: async (samples, settings) =>
      asPreview(
        await composeReplyEmail(
          samples.job('booking', 'reply', 'reply').request,
          'Thank you for your message. Tuesday at 10 is free, and I have kept it for you: you can see it on your page.\n\nAlex',
          { settings, manageLink: samples.manageLink },
        ),
      ),
  },
  practitioner('new-request', 'New booking request', (samples) => samples.job('booking', 'email', 'request', waiting)),
  practitioner('new-contact', 'New question', (samples) => samples.job('contact', 'email', 'request', { message: 'Do you treat sciatica?' })),
  practitioner('new-booking', 'New booking, taken directly', (samples) => samples.job('booking', 'email', 'request', { bookedVia: 'direct' })),
  practitioner('patient-chose', 'The patient chose a proposed time', (samples) => samples.job('booking', 'email', 'patient-chose')),
  practitioner('patient-cancelled', 'The patient cancelled', (samples) =>
    samples.job('booking', 'email', 'patient-cancelled', { appointmentState: 'cancelled', cancelledBy: 'patient' }),
  ),
  practitioner('patient-asked', 'The patient asked for other times', (samples) => samples.job('booking', 'email', 'patient-asked', waiting)),
  {
    kind: 'patient-replied',
    audience: 'practitioner',
    title: 'A patient replied by email',
    compose: async (samples, settings) => asPreview(await composePatientRepliedEmail(samples.job('contact', 'email', 'patient-replied'), settings)),
  },
  {
    kind: 'digest',
    audience: 'practitioner',
    title: 'Daily summary',
    compose: async (samples, settings) => {
      const received = new Date(samples.now.getTime() - 3 * 86_400_000)
      const figures = {
        received: { booking: 2, contact: 1 },
        booked: { direct: 1, waitlist: 0 },
        openOlder: [{ id: 'sample-request', reference: 'SAMPLE23', kind: 'booking', createdAt: received }],
        openOlderTotal: 1,
        expiringSoon: [{ id: 'sample-request', reference: 'SAMPLE23', expiresAt: new Date(samples.now.getTime() + 5 * 3_600_000) }],
        expiringSoonTotal: 1,
        calendarFallback: undefined,
        notifications: { pending: 0, sent: 6, failed: 0, unknown: 0, skipped: 1 },
      }
      return asPreview(await composeDigest(figures, samples.now, settings, true, []))
    },
  },
]

/** The kind named `kind`, or undefined. */
export const findEmailKind = (kind: string): EmailKind | undefined => emailKinds.find((candidate) => candidate.kind === kind)
