import { hmacHex } from '../../platform/signing'
import type { WebhookTarget } from './settings'

/**
 * Signature headers: HMAC-SHA256 over `${timestamp}.${body}`, so a receiver can
 * check the sender and refuse replays older than a few minutes.
 */
async function signWebhook(secret: string, body: string, timestamp: number): Promise<Record<string, string>> {
  return {
    'X-Clinic-Timestamp': String(timestamp),
    'X-Clinic-Signature': `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`,
  }
}

const timeoutMs = 10_000

/**
 * POSTs the payload, signed. X-Clinic-Delivery carries the notification id, the
 * same on every retry, so a receiver can drop a repeat. Any non-2xx answer is a
 * failure, retried by the queue.
 */
export async function postWebhook(target: WebhookTarget, payload: unknown, deliveryId: string, now: Date): Promise<string | null> {
  if (!target.secret) throw new Error('NOTIFY_WEBHOOK_SECRET is not set')
  const body = JSON.stringify(payload)
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'clinic-site-notifier',
      'X-Clinic-Delivery': deliveryId,
      ...(await signWebhook(target.secret, body, Math.floor(now.getTime() / 1000))),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  })
  await response.body?.cancel()
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`)
  return response.headers.get('x-request-id')
}
