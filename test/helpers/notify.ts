import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { vi } from 'vitest'
import type { RequestKind } from '../../src/features/bookings/domain/vocabulary'
import { bookingMessages } from '../../src/features/bookings/messages/composer'
import { storeRequest } from '../../src/features/bookings/store/requests'
import { requests } from '../../src/features/bookings/store/schema'
import { type ConsumerOptions, deliverNotifications } from '../../src/features/notifications/consumer'
import type { NotificationChannel } from '../../src/features/notifications/domain/vocabulary'
import { type NotifyMessage, queueNames } from '../../src/features/notifications/message'
import { type NotificationRow, notifications } from '../../src/features/notifications/store/schema'
import worker from '../../src/worker'
import { wrapBinding } from './bindings'
import { db, postInit, referenceFrom, uniqueEmail } from './forms'
import { requestWith } from './http'

export const webhookUrl = 'https://hooks.example.test/clinic'

/** Env overrides that turn the webhook channel on (the secret comes from vitest.config.ts). */
export const withWebhook = { NOTIFY_WEBHOOK_URL: webhookUrl } satisfies Partial<Env>

/**
 * Submits a form through the Worker's real fetch handler with some config
 * overridden, and returns the stored request and its outbox rows.
 */
export async function submit(path: '/book' | '/contact', fields: Record<string, string | boolean>, overrides: Partial<Env> = {}) {
  const response = await requestWith(overrides, path, postInit(fields))
  const reference = referenceFrom(response)
  const [request] = await db().select().from(requests).where(eq(requests.reference, reference))
  if (!request) throw new Error(`no request stored for ${reference}`)
  const outbox = await db().select().from(notifications).where(eq(notifications.requestId, request.id))
  const channel = (name: NotificationChannel): NotificationRow => {
    const row = outbox.find((candidate) => candidate.channel === name)
    if (!row) throw new Error(`no ${name} notification for ${reference}`)
    return row
  }
  return { reference, request, outbox, channel }
}

/**
 * Stores a request at `now` as the form does (one batch, one pending outbox row
 * per channel), so a test can place its rows at a time of its own.
 */
export async function storeAt(now: Date, options: { kind?: RequestKind; channels?: NotificationChannel[] } = {}) {
  const { kind = 'contact', channels = ['email'] } = options
  const stored = await storeRequest(db(), {
    request: { kind, name: 'Sam Patient', email: uniqueEmail('stored'), message: 'A question' },
    preferredTimes: [],
    channels,
    dedupeKey: crypto.randomUUID(),
    now,
  })
  if (stored.duplicate) throw new Error('unexpected duplicate')
  return stored
}

export const loadRow = async (id: string): Promise<NotificationRow> => {
  const [row] = await db().select().from(notifications).where(eq(notifications.id, id))
  if (!row) throw new Error(`no notification ${id}`)
  return row
}

let messageCounter = 0

/**
 * Runs the Worker's real queue handler on a batch, as the queue would deliver
 * it, and returns what it acked and retried. getQueueResult() reports which
 * messages were retried but not their delay, so `delays` watches each
 * message's retry() (which still runs) for the delay asked for. `consumer`
 * (a clock, a send bound) goes straight to the notification consumer, which
 * the Worker's handler calls without them.
 */
export async function deliver(bodies: unknown[], options: { env?: Partial<Env>; attempts?: number; queue?: string; consumer?: ConsumerOptions } = {}) {
  const messages = bodies.map((body) => ({ id: `message-${++messageCounter}`, timestamp: new Date(), attempts: options.attempts ?? 1, body }))
  const batch = createMessageBatch(options.queue ?? queueNames.notify, messages)
  const retrySpies = batch.messages.map((message) => vi.spyOn(message, 'retry'))
  const handlerEnv = { ...env, ...options.env }
  // The handler takes no ExecutionContext; getQueueResult still wants one to wait on.
  await (options.consumer ? deliverNotifications(batch, handlerEnv, bookingMessages, options.consumer) : worker.queue(batch, handlerEnv))
  const result = await getQueueResult(batch, createExecutionContext())
  const delays = batch.messages.flatMap((message, index) =>
    retrySpies[index]!.mock.calls.map(([retryOptions]) => ({ msgId: message.id, delaySeconds: retryOptions?.delaySeconds })),
  )
  return { ids: messages.map((message) => message.id), result, delays }
}

/** Runs the Worker's real scheduled handler for a cron at a given time. */
export async function runCron(cron: string, scheduledTime: Date, overrides: Partial<Env> = {}): Promise<void> {
  await worker.scheduled(createScheduledController({ cron, scheduledTime }), { ...env, ...overrides })
}

/**
 * The real EMAIL binding with a recorder in front: every message still goes
 * through the local send_email simulation, and what it accepted is kept.
 */
export function recordingEmail(options: { failAfterSend?: Error; delayMs?: number } = {}) {
  const sent: (EmailMessageBuilder & { messageId: string })[] = []
  const binding = {
    async send(message: EmailMessageBuilder) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
      const result = await env.EMAIL.send(message)
      sent.push({ ...message, messageId: result.messageId })
      // The provider accepted, but the Worker never hears of it (a crash, a lost answer).
      if (options.failAfterSend) throw options.failAfterSend
      return result
    },
  } as SendEmail
  return { binding, sent }
}

/** The real queue binding, keeping the body of every message it is asked to send. */
export function recordingMessages() {
  const bodies: NotifyMessage[] = []
  const queue = env.NOTIFY_QUEUE as Queue<NotifyMessage>
  const binding = wrapBinding(queue, {
    send: (body, options) => {
      bodies.push(body)
      return queue.send(body, options)
    },
    sendBatch: (messages, options) => {
      bodies.push(...[...messages].map((message) => message.body))
      return queue.sendBatch(messages, options)
    },
  })
  return { binding: binding as Queue, bodies }
}

/** The real EMAIL binding, except that the provider never answers a send. */
export const silentEmail = (): SendEmail => wrapBinding(env.EMAIL, { send: () => new Promise<never>(() => {}) })

/** An email binding whose provider refuses, as when the service is down. */
export const failingEmail = (error: Error): SendEmail => wrapBinding(env.EMAIL, { send: () => Promise.reject(error) })

export interface CapturedWebhook {
  url: string
  headers: Headers
  body: string
}

/**
 * Intercepts outbound fetches to the test webhook URL (an external service);
 * anything else goes out as usual. Restore with vi.restoreAllMocks().
 */
export function captureWebhook(status = 200): CapturedWebhook[] {
  const calls: CapturedWebhook[] = []
  const original = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (!request.url.startsWith(webhookUrl)) return original(input, init)
    calls.push({ url: request.url, headers: request.headers, body: await request.text() })
    return new Response(status < 300 ? 'ok' : 'no', { status, headers: { 'x-request-id': `hook-${calls.length}` } })
  })
  return calls
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A link in an email's HTML (the layout styles its links) to `href` whose words are `text` (or start with it), escaped as HTML writes them. */
export const linkIn = (href: string, text: string, { startsWith = false } = {}): RegExp =>
  new RegExp(`<a [^>]*href="${escapeRegExp(href)}"[^>]*>${escapeRegExp(text.replace(/&/g, '&amp;').replace(/</g, '&lt;'))}${startsWith ? '[^<]*' : ''}</a>`)
