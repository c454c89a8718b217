import { hmacHex, verifyHmacHex } from '../../platform/signing'

const hourMs = 3_600_000

/** How long a shared preview link may live, in hours: at least one, at most a week, two days unless chosen. */
export const previewLifetimeHours = { min: 1, max: 168, default: 48 } as const

// The purpose prefix keeps a preview signature from ever matching another use of the same secret.
const signedText = (articleId: string, expiresMs: number) => `article-preview|${articleId}|${expiresMs}`

/**
 * A token for /preview/<token>: the article id and the expiry, signed, so the
 * link needs no row and cannot be stretched or pointed at another article.
 *
 * @example await signPreviewToken(secret, id, new Date(now.getTime() + 48 * 3_600_000))
 */
export async function signPreviewToken(secret: string, articleId: string, expires: Date): Promise<string> {
  return `${articleId}.${expires.getTime()}.${await hmacHex(secret, signedText(articleId, expires.getTime()))}`
}

/**
 * What a preview token grants at `now`: the article id, "expired" for a
 * genuine token past its time (the page says so), or "invalid" for anything
 * forged, altered or malformed (answered like an unknown address).
 */
export async function readPreviewToken(secret: string, token: string, now: Date): Promise<{ articleId: string } | 'expired' | 'invalid'> {
  const match = /^([0-9a-f-]{1,64})\.(\d{1,15})\.([0-9a-f]{64})$/.exec(token)
  if (!match) return 'invalid'
  const [, articleId, expiresMs, signature] = match as unknown as [string, string, string, string]
  if (!(await verifyHmacHex(secret, signedText(articleId, Number(expiresMs)), signature))) return 'invalid'
  return Number(expiresMs) <= now.getTime() ? 'expired' : { articleId }
}

/** The expiry for a lifetime typed in hours, or null when it is not a whole number within the allowed range. */
export function readPreviewExpiry(hours: string, now: Date): Date | null {
  const value = hours.trim() === '' ? previewLifetimeHours.default : /^\d{1,3}$/.test(hours.trim()) ? Number(hours) : NaN
  if (!(value >= previewLifetimeHours.min && value <= previewLifetimeHours.max)) return null
  return new Date(now.getTime() + value * hourMs)
}
