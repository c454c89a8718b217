import type { EmailTransport } from '../email'
import type { NotifySettings } from '../settings'
import { resendTransport } from './resend'

/** A transport that sends nothing and says why, so the reason ends up in the outbox row's last error. */
const refusingTransport = (reason: string): EmailTransport => ({ send: () => Promise.reject(new Error(reason)) })

/**
 * The send_email binding as a transport. Only the message is handed on: the
 * runtime cannot pass an AbortSignal across to the binding (workerd refuses to
 * serialise it), and the bound is kept by sendEmail's race anyway.
 */
const bindingTransport = (binding: SendEmail): EmailTransport => ({ send: (message) => binding.send(message) })

/**
 * The transport EMAIL_TRANSPORT names. The send_email binding takes no
 * idempotency key, so `idempotencyKey` only reaches Resend; it must name one
 * delivery: the same on every retry of it, new whenever a second copy is meant.
 *
 * @example sendEmail(chooseEmailTransport(env.EMAIL, settings, `${id}:${generation}`), message, emailTimeoutMs)
 */
export function chooseEmailTransport(
  binding: SendEmail,
  settings: Pick<NotifySettings, 'emailTransport' | 'resendApiKey'>,
  idempotencyKey: string,
): EmailTransport {
  if (settings.emailTransport === 'binding') return bindingTransport(binding)
  if (!settings.resendApiKey) return refusingTransport('RESEND_API_KEY is not set')
  return resendTransport({ apiKey: settings.resendApiKey, idempotencyKey })
}
