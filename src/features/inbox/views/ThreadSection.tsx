import { formatInstant } from '../../../platform/dates'
import { CsrfField } from '../../../ui/AdminLayout'
import { TextArea } from '../../../ui/form/fields'
import type { ThreadEntry } from '../../bookings/admin'
import type { Settings } from '../../settings'
import { deliveryStates } from './delivery-labels'

/** The longest message the practitioner can send from the inbox. */
export const maxReplyLength = 5000

/** The message box as shown: what it holds (typed, or a saved reply's words), the form's idempotency key, and why it was refused. */
export interface ReplyBox {
  body: string
  key: string
  error?: string | undefined
}

const ClinicEntry = ({ entry }: { entry: ThreadEntry }) => (
  <li class="thread-clinic">
    <p class="meta">
      The clinic wrote, {formatInstant(entry.createdAt)}
      {entry.delivery ? (
        <>
          {' '}
          <span class={`badge delivery-${entry.delivery.status}`}>{deliveryStates[entry.delivery.status]}</span>
          {entry.delivery.sentAt ? ` ${formatInstant(entry.delivery.sentAt)}` : null}
        </>
      ) : null}
    </p>
    <p class="patient-text">{entry.body}</p>
  </li>
)

const PatientEntry = ({ entry, name }: { entry: ThreadEntry; name: string }) => (
  <li class="thread-patient">
    <p class="meta">
      {name} wrote, {formatInstant(entry.createdAt)}
      {entry.attachments > 0 ? ` (${entry.attachments === 1 ? '1 attachment' : `${entry.attachments} attachments`}, not kept)` : null}
    </p>
    <p class="patient-text">{entry.body}</p>
  </li>
)

/**
 * The request's conversation after the patient's first message: each message
 * with who wrote it and when, the clinic's with its delivery, and the box to
 * write the next one. Each saved reply is a link that shows the page again
 * with its words in the box (a GET: nothing is sent until the button).
 */
export const ThreadSection = ({
  base,
  patientName,
  thread,
  savedReplies,
  box,
  csrfToken,
}: {
  base: string
  patientName: string
  thread: readonly ThreadEntry[]
  savedReplies: Settings['savedReplies']
  box: ReplyBox
  csrfToken: string
}) => (
  <section aria-labelledby="conversation">
    <h2 id="conversation">Conversation</h2>
    {thread.length > 0 ? (
      <ol class="thread">
        {thread.map((entry) => (entry.author === 'clinic' ? <ClinicEntry entry={entry} /> : <PatientEntry entry={entry} name={patientName} />))}
      </ol>
    ) : (
      <p>No messages yet.</p>
    )}
    {savedReplies.length > 0 ? (
      <nav aria-label="Saved replies">
        <p>Start from a saved reply:</p>
        <ul>
          {savedReplies.map((reply, index) => (
            <li>
              <a href={`${base}?reply=${index}#f-body`}>{reply.title}</a>
            </li>
          ))}
        </ul>
      </nav>
    ) : null}
    <form method="post" action={`${base}/replies`}>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="key" value={box.key} />
      <TextArea
        name="body"
        label="Write to the patient"
        hint="Sent to the patient by email, with the request’s reference."
        value={box.body}
        errors={box.error ? [box.error] : undefined}
        required
        maxlength={maxReplyLength}
      />
      <button type="submit" class="button">
        Send message
      </button>
    </form>
  </section>
)
