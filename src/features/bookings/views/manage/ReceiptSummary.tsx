import type { RequestReceipt } from '../../receipt'

/**
 * What the patient sent and what happens next, as the acknowledgement says it:
 * on the answer page after a request and on a question's own page.
 */
export const ReceiptSummary = ({ receipt, received }: { receipt: RequestReceipt; received?: string }) => (
  <>
    <dl class="details">
      <dt>You asked for</dt>
      <dd>{receipt.asked}</dd>
      {receipt.times.length > 0 ? (
        <>
          <dt>{receipt.times.length > 1 ? 'Your times' : 'Your time'}</dt>
          <dd>
            <ul>
              {receipt.times.map((time) => (
                <li>{time}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {received ? (
        <>
          <dt>Received</dt>
          <dd>{received}</dd>
        </>
      ) : null}
      <dt>Reference</dt>
      <dd>
        <strong>{receipt.reference}</strong>
      </dd>
    </dl>
    <h2>What happens next</h2>
    {receipt.next.map((words) => (
      <p>{words}</p>
    ))}
  </>
)
