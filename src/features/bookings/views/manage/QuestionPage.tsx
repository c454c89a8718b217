import { Layout } from '../../../../ui/Layout'
import { PhoneLink } from '../../../../ui/PhoneLink'
import type { RequestReceipt } from '../../receipt'
import { ReceiptSummary } from './ReceiptSummary'

/** A question's own page: its reference, when it came and what happens next; never the message itself. */
export const QuestionPage = ({ receipt, received }: { receipt: RequestReceipt; received: string }) => (
  <Layout meta={{ title: 'Your question', description: 'Your question to the clinic and what happens next.', path: '/manage', noindex: true }}>
    <h1>Your question</h1>
    <ReceiptSummary receipt={receipt} received={received} />
    <p>
      Quote your reference if you call us on <PhoneLink />.
    </p>
  </Layout>
)
