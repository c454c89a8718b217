/** The builder form of the send_email binding's message, as this Worker uses it. */
export type OutgoingEmail = EmailMessageBuilder & { to: string }

/** How long the email service has to answer a send (the webhook's own bound is 10 s). */
export const emailTimeoutMs = 15_000

/**
 * The email service did not answer within the bound. Unlike a refusal this says
 * nothing about the message: it may have gone out, so sending it again could
 * give the recipient two copies.
 */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError'

  constructor(timeoutMs: number) {
    super(`no answer from the email service within ${timeoutMs / 1000} s; it may have been sent`)
  }
}

/**
 * Something that hands an email to a provider and answers with the provider's
 * message id: the send_email binding itself, or an HTTP API (transports/).
 * `signal` aborts when the send's bound runs out; the binding cannot be aborted
 * and ignores it.
 */
export interface EmailTransport {
  send(message: OutgoingEmail, signal: AbortSignal): Promise<{ messageId: string }>
}

/**
 * Hands the message to a transport (the send_email binding, or the one
 * `chooseEmailTransport` picks) and waits at most `timeoutMs` for its message
 * id (the provider's receipt); after that it aborts the call and rejects with
 * NoAnswerError, so a hung call cannot outlast the consumer's lease. One timer
 * serves both the race and the abort, so both transports end on the same
 * bound, the one a caller (or a test) sets.
 */
export async function sendEmail(transport: EmailTransport, message: OutgoingEmail, timeoutMs = emailTimeoutMs): Promise<string> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | null = null
  const noAnswer = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new NoAnswerError(timeoutMs)
      reject(error)
      controller.abort(error)
    }, timeoutMs)
  })
  try {
    const { messageId } = await Promise.race([transport.send(message, controller.signal), noAnswer])
    return messageId
  } finally {
    clearTimeout(timer)
  }
}
