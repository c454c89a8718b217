import { type PracticeConfig, writeAcknowledgement } from '../../../../config'
import { Layout } from '../../../../ui/Layout'
import { PhoneLink } from '../../../../ui/PhoneLink'
import type { RequestReason } from '../../domain/booking-mode'
import type { RequestReceipt } from '../../receipt'
import { ReceiptSummary } from '../manage/ReceiptSummary'

/** What the answer page shows beside the reference: the receipt and the way to the patient's page. */
export interface ThanksReceipt {
  receipt: RequestReceipt
  /** The patient's page, relative to the site. */
  pageLink: string
}

/** Why a booking of a treatment that books directly came as a request, in the patient's words. */
const reasons: Record<RequestReason, string> = {
  'first-visit': 'As this is your first visit, we confirm your time ourselves: we will confirm your time by email.',
  'calendar-overdue': 'We cannot check the practitioner’s calendar just now, so we will confirm your time by email.',
  'address-cap': 'You already have appointments booked with us, so we will confirm this time by email.',
}

export const ThanksPage = ({
  kind,
  reference,
  practitioner,
  reason,
  stored,
}: { kind: 'contact' | 'booking'; reference: string; reason?: RequestReason; stored?: ThanksReceipt } & Pick<PracticeConfig, 'practitioner'>) => (
  <Layout
    meta={{
      title: kind === 'booking' ? 'Booking request received' : 'Message received',
      description: 'Your request has reached the clinic.',
      path: kind === 'booking' ? '/book/thanks' : '/contact/thanks',
      noindex: true,
    }}
  >
    <h1>{kind === 'booking' ? 'Booking request received' : 'Message received'}</h1>
    <div class="receipt" role="status">
      <p>Your reference</p>
      <p class="reference">
        <strong>{reference}</strong>
      </p>
    </div>
    {reason ? <p>{reasons[reason]}</p> : null}
    {stored ? (
      <>
        <ReceiptSummary receipt={stored.receipt} />
        <p>
          <a href={stored.pageLink}>See your request</a>: this page shows where it stands. Keep its address to come back to it.
        </p>
      </>
    ) : (
      <>
        <h2>What happens next</h2>
        <p>{writeAcknowledgement(kind, { practitioner })}</p>
      </>
    )}
    <p>
      Quote your reference if you call us on <PhoneLink />.
    </p>
    <p>
      <a href="/articles">Read our articles</a>
    </p>
  </Layout>
)
