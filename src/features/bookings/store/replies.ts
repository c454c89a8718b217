import { and, eq, exists, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { insertGuardedNotification } from './guarded-outbox'
import { requests, threadMessages } from './schema'
import { statusFollowingMessage } from './status-follows'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/**
 * What became of a message: stored now (its outbox row to hand to the queue),
 * stored by an earlier submit of the same form (nothing to hand on), or not
 * stored: no such request, one marked spam, or a key another request's message holds.
 */
export type ReplyOutcome = { stored: 'now'; notificationId: string } | { stored: 'before' } | { stored: 'no'; reason: 'not-found' | 'spam' | 'key-taken' }

/**
 * Stores the practitioner's message to the patient, exactly once per `key`
 * (the form's idempotency key, the message's id): in one batch the thread
 * message, its outbox row (channel and topic `reply`) and, for a request still
 * `new`, `contacted` with its history line. The outbox row and the status
 * follow only the message this batch wrote (its own notification id), so a
 * second submit of the same form writes nothing at all.
 *
 * @example await sendReply(db, { requestId, key: form.key, body, actor: 'practitioner', now })
 */
export async function sendReply(db: Db, input: { requestId: string; key: string; body: string; actor: string; now: Date }): Promise<ReplyOutcome> {
  const notificationId = crypto.randomUUID()
  const open = and(eq(requests.id, input.requestId), ne(requests.status, 'spam'))!
  const written = and(
    open,
    exists(
      db
        .select({ id: threadMessages.id })
        .from(threadMessages)
        .where(and(eq(threadMessages.id, input.key), eq(threadMessages.notificationId, notificationId))),
    ),
  )!
  await db.batch([
    db
      .insert(threadMessages)
      .select((qb) =>
        qb
          .select({
            id: value(input.key, 'id'),
            requestId: requests.id,
            author: value('clinic', 'author'),
            body: value(input.body, 'body'),
            notificationId: value(notificationId, 'notification_id'),
            attachments: value(0, 'attachments'),
            messageId: value(null, 'message_id'),
            createdAt: value(input.now.getTime(), 'created_at'),
          })
          .from(requests)
          .where(open),
      )
      .onConflictDoNothing(),
    insertGuardedNotification(db, { id: notificationId, channel: 'reply', topic: 'reply' }, written, { sequence: sql`null`, now: input.now.getTime() }),
    ...statusFollowingMessage(db, written, input),
  ])
  const [message] = await db
    .select({ requestId: threadMessages.requestId, notificationId: threadMessages.notificationId })
    .from(threadMessages)
    .where(eq(threadMessages.id, input.key))
  if (message?.requestId === input.requestId) return message.notificationId === notificationId ? { stored: 'now', notificationId } : { stored: 'before' }
  // A key already naming another request's message comes from no form this site drew.
  if (message) return { stored: 'no', reason: 'key-taken' }
  const [request] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, input.requestId))
  return { stored: 'no', reason: request?.status === 'spam' ? 'spam' : 'not-found' }
}
