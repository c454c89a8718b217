import type { EmailTransport, OutgoingEmail } from '../email'

export const resendEndpoint = 'https://api.resend.com/emails'

type Address = OutgoingEmail['from']
type AttachmentContent = NonNullable<OutgoingEmail['attachments']>[number]['content']

/** A display name as RFC 5322 wants it: bare when it is plain words, otherwise quoted. */
const formatAddress = (address: Address): string => {
  if (typeof address === 'string') return address
  const name = /^[\w !#$%&'*+/=?^`{|}~-]*$/.test(address.name) ? address.name : `"${address.name.replace(/["\\]/g, '\\$&')}"`
  return `${name} <${address.email}>`
}

function encodeBase64(content: AttachmentContent): string {
  const bytes =
    typeof content === 'string'
      ? new TextEncoder().encode(content)
      : ArrayBuffer.isView(content)
        ? new Uint8Array(content.buffer, content.byteOffset, content.byteLength)
        : new Uint8Array(content)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The message in the shape of Resend's `POST /emails` body (snake_case, attachments in base64). */
export function toResendEmail(message: OutgoingEmail) {
  return {
    from: formatAddress(message.from),
    to: message.to,
    ...(message.replyTo ? { reply_to: formatAddress(message.replyTo) } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.headers ? { headers: message.headers } : {}),
    ...(message.attachments
      ? {
          attachments: message.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: encodeBase64(attachment.content),
            content_type: attachment.type,
          })),
        }
      : {}),
  }
}

/**
 * Resend answered with an error. 409 (the same key still in flight), 429 and
 * 5xx pass by themselves; any other 4xx is a refusal that needs a change of
 * configuration, and says so. Both are retried by the queue like any failure.
 */
class ResendError extends Error {
  override name = 'ResendError'

  constructor(status: number, detail: string) {
    const passing = status === 409 || status === 429 || status >= 500
    super(
      passing
        ? `Resend could not take the email now (${status}): ${detail}`
        : `Resend refused the email (${status}), and will until the configuration or the message changes: ${detail}`,
    )
  }
}

/** Resend's error body names the error and says what is wrong; any other body (a proxy's page) is quoted from its start. */
async function readError(response: Response): Promise<ResendError> {
  const text = await response.clone().text()
  const body = await response.json<{ name?: unknown; message?: unknown }>().catch(() => null)
  const detail = typeof body?.message === 'string' ? `${typeof body.name === 'string' ? `${body.name}: ` : ''}${body.message}` : text.slice(0, 300)
  return new ResendError(response.status, detail)
}

/**
 * Sends through Resend's HTTP API. `idempotencyKey` names one delivery: Resend
 * answers a repeat of the same key within 24 hours with the first answer and
 * sends nothing, so a retry after a lost answer cannot give a second copy.
 */
export function resendTransport({ apiKey, idempotencyKey }: { apiKey: string; idempotencyKey: string }): EmailTransport {
  return {
    async send(message, signal) {
      const response = await fetch(resendEndpoint, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(toResendEmail(message)),
        signal,
      })
      if (!response.ok) throw await readError(response)
      const { id } = await response.json<{ id?: unknown }>()
      if (typeof id !== 'string') throw new Error(`Resend answered ${response.status} without a message id`)
      return { messageId: id }
    },
  }
}
