import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import PostalMime from 'postal-mime'
import worker from '../../src/worker'

/** What the handler did with an email besides storing it: the reason it refused it with, if it did. */
export interface EmailOutcome {
  rejected: string | undefined
}

/**
 * Hands a raw email to the Worker's real `email` handler, built as Miniflare's
 * local endpoint (`/cdn-cgi/local/email`, handleEmail in miniflare's
 * entry.worker.js) builds it: the envelope's from and to, the raw bytes as a
 * stream, their size, the headers postal-mime reads (Bcc left out), and
 * setReject recording its reason. Like that endpoint, a message without a
 * Message-ID is refused before the Worker sees it.
 */
export async function receiveEmail(envelope: { from: string; to: string }, raw: string, overrides: Partial<Env> = {}): Promise<EmailOutcome> {
  const bytes = new TextEncoder().encode(raw)
  const parsed = await PostalMime.parse(bytes)
  if (parsed.messageId === undefined) throw new Error('the local email endpoint needs a Message-ID')
  const outcome: EmailOutcome = { rejected: undefined }
  const unexpected = async (): Promise<never> => {
    throw new Error('the handler neither forwards nor replies')
  }
  const message = {
    from: envelope.from,
    to: envelope.to,
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    headers: new Headers(parsed.headers.filter(({ key }) => key.toLowerCase() !== 'bcc').map((header) => [header.key, header.value])),
    canBeForwarded: true,
    setReject: (reason: string) => {
      outcome.rejected = reason
    },
    forward: unexpected,
    reply: unexpected,
  } satisfies ForwardableEmailMessage
  const ctx = createExecutionContext()
  // As the runtime calls it: with an ExecutionContext, whatever the handler's own signature leaves out.
  const handler: ExportedHandler<Env, unknown> = worker
  await handler.email!(message, { ...env, ...overrides }, ctx)
  await waitOnExecutionContext(ctx)
  return outcome
}

let messageCounter = 0

/** A Message-ID no other email of the run carries. */
export const uniqueMessageId = () => `<${Date.now().toString(36)}.${++messageCounter}@mail.example.org>`

export interface MailParts {
  from: string
  to: string
  messageId?: string
  subject?: string
  /** Further header lines, e.g. `Auto-Submitted: auto-replied`. */
  headers?: string[]
  text?: string
  html?: string
  /** File names of small attachments. */
  attachments?: string[]
}

const crlf = (value: string) => value.replace(/\r?\n/g, '\r\n')

/**
 * A raw email as a mail program writes one: a text part, an HTML part or both
 * (multipart/alternative), and attachments (multipart/mixed), lines ending in CRLF.
 */
export function mimeOf(parts: MailParts): string {
  const head = [
    `From: ${parts.from}`,
    `To: ${parts.to}`,
    `Subject: ${parts.subject ?? 'Re: Your request'}`,
    `Message-ID: ${parts.messageId ?? uniqueMessageId()}`,
    'Date: Mon, 03 Jan 2073 10:00:00 +0000',
    'MIME-Version: 1.0',
    ...(parts.headers ?? []),
  ]
  const textPart = parts.text === undefined ? [] : [['Content-Type: text/plain; charset=utf-8', '', parts.text].join('\n')]
  const htmlPart = parts.html === undefined ? [] : [['Content-Type: text/html; charset=utf-8', '', parts.html].join('\n')]
  const bodies = [...textPart, ...htmlPart]
  let body = bodies.length === 1 ? bodies[0]! : multipart('alternative', 'alt-boundary', bodies)
  if (parts.attachments?.length) {
    const files = parts.attachments.map((name) =>
      [
        `Content-Type: application/pdf; name="${name}"`,
        `Content-Disposition: attachment; filename="${name}"`,
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0xLjQK',
      ].join('\n'),
    )
    body = multipart('mixed', 'mixed-boundary', [body, ...files])
  }
  return crlf(`${head.join('\n')}\n${body}\n`)
}

const multipart = (subtype: string, boundary: string, parts: string[]) =>
  [`Content-Type: multipart/${subtype}; boundary="${boundary}"`, '', ...parts.flatMap((part) => [`--${boundary}`, part]), `--${boundary}--`].join('\n')
