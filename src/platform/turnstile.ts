import { describeError, logEvent } from './log'

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

/** Long enough for siteverify's usual sub-second answer, short enough that a hung call cannot hold the form's POST open. */
const siteverifyTimeoutMs = 5_000

/** What a genuine token for this form on this site must say about itself. */
export interface TurnstileExpectation {
  /** The site's own hostname: a token solved on another site carrying our site key is no proof. */
  hostname: string
  /** The widget's `data-action`, here the form's kind: a token solved on one form is no proof for another. */
  action: string
  remoteIp: string | undefined
}

interface SiteverifyOutcome {
  success?: unknown
  hostname?: unknown
  action?: unknown
}

/**
 * Asks Cloudflare whether the widget's token is genuine (server-side; the
 * browser's word is never enough) and was solved on this site, on this form.
 * An unreachable or slow service counts as a failure so a bot cannot pass by
 * timing out the check.
 */
export async function verifyTurnstile(secret: string, token: unknown, expected: TurnstileExpectation, timeoutMs = siteverifyTimeoutMs): Promise<boolean> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return false
  const body = new FormData()
  body.set('secret', secret)
  body.set('response', token)
  if (expected.remoteIp) body.set('remoteip', expected.remoteIp)
  let outcome: SiteverifyOutcome
  try {
    // The signal also covers reading the body, so a reply that stalls midway times out too.
    const response = await fetch(siteverifyUrl, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) return false
    outcome = (await response.json()) as SiteverifyOutcome
  } catch (error) {
    logEvent('error', 'turnstile_unreachable', { error: describeError(error) })
    return false
  }
  if (outcome.success !== true) return false
  const mismatch = mismatchIn(outcome, expected)
  if (mismatch) logEvent('warn', 'turnstile_mismatch', { field: mismatch })
  return mismatch === undefined
}

/** Which claim of a successful answer does not fit this form on this site, if any. */
function mismatchIn(outcome: SiteverifyOutcome, expected: TurnstileExpectation): 'hostname' | 'action' | undefined {
  if (outcome.hostname !== expected.hostname) return 'hostname'
  // Siteverify reports the action of every widget given a data-action; one without has none to compare.
  if (typeof outcome.action === 'string' && outcome.action !== '' && outcome.action !== expected.action) return 'action'
  return undefined
}
