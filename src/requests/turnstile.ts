import { describeError, logEvent } from '../lib/log'

/** Where the widget's script and frame come from: the only third-party origin a page may load. */
export const turnstileOrigin = 'https://challenges.cloudflare.com'
const siteverifyUrl = `${turnstileOrigin}/turnstile/v0/siteverify`

/**
 * Turnstile is on only when both keys are set: a secret without a site key
 * would demand a token no page can produce, a site key without a secret would
 * show a widget nobody checks.
 */
export const turnstileKeys = (env: Pick<Env, 'TURNSTILE_SITE_KEY' | 'TURNSTILE_SECRET_KEY'>) =>
  env.TURNSTILE_SITE_KEY && env.TURNSTILE_SECRET_KEY ? { siteKey: env.TURNSTILE_SITE_KEY, secret: env.TURNSTILE_SECRET_KEY } : undefined

/** The form field Turnstile's widget fills in. */
export const turnstileField = 'cf-turnstile-response'

/**
 * Asks Cloudflare whether the widget's token is genuine (server-side; the
 * browser's word is never enough). An unreachable service counts as a failure
 * so a bot cannot pass by timing out the check.
 */
export async function verifyTurnstile(secret: string, token: unknown, remoteIp: string | undefined): Promise<boolean> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return false
  const body = new FormData()
  body.set('secret', secret)
  body.set('response', token)
  if (remoteIp) body.set('remoteip', remoteIp)
  try {
    const response = await fetch(siteverifyUrl, { method: 'POST', body })
    if (!response.ok) return false
    const outcome = (await response.json()) as { success?: unknown }
    return outcome.success === true
  } catch (error) {
    logEvent('error', 'turnstile_unreachable', { error: describeError(error) })
    return false
  }
}
