import { type PracticeConfig, writeAcknowledgement } from '../../../../config'
import { Layout } from '../../../../ui/Layout'
import { PhoneLink } from '../../../../ui/PhoneLink'

export const ThanksPage = ({ kind, reference, practitioner }: { kind: 'contact' | 'booking'; reference: string } & Pick<PracticeConfig, 'practitioner'>) => (
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
    <h2>What happens next</h2>
    <p>{writeAcknowledgement(kind, { practitioner })}</p>
    <p>
      Quote your reference if you call us on <PhoneLink />.
    </p>
    <p>
      <a href="/articles">Read our articles</a>
    </p>
  </Layout>
)
