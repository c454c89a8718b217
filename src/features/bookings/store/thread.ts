import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { notifications } from '../../notifications'
import { threadMessages } from './schema'

/** One message of a request's conversation; a clinic message carries the state of the outbox row that sends it. */
export interface ThreadEntry {
  id: string
  author: 'clinic' | 'patient'
  body: string
  attachments: number
  createdAt: Date
  delivery: { status: 'pending' | 'sent' | 'failed' | 'unknown' | 'skipped'; sentAt: Date | null } | null
}

/**
 * A request's conversation, oldest first: the clinic's messages (with their
 * delivery) and the patient's emailed replies.
 *
 * @example const thread = await listThread(db, request.id)
 */
export async function listThread(db: Db, requestId: string): Promise<ThreadEntry[]> {
  const rows = await db
    .select({
      id: threadMessages.id,
      author: threadMessages.author,
      body: threadMessages.body,
      attachments: threadMessages.attachments,
      createdAt: threadMessages.createdAt,
      status: notifications.status,
      sentAt: notifications.sentAt,
    })
    .from(threadMessages)
    .leftJoin(notifications, eq(notifications.id, threadMessages.notificationId))
    .where(eq(threadMessages.requestId, requestId))
    .orderBy(asc(threadMessages.createdAt), asc(threadMessages.id))
  return rows.map(({ status, sentAt, ...entry }) => ({ ...entry, delivery: status ? { status, sentAt } : null }))
}

/** The words of the clinic message an outbox row sends, or undefined when it is gone; read through the request's index. */
export async function findReplyBody(db: Db, job: { requestId: string; notificationId: string }): Promise<string | undefined> {
  const [row] = await db
    .select({ body: threadMessages.body })
    .from(threadMessages)
    .where(and(eq(threadMessages.requestId, job.requestId), eq(threadMessages.notificationId, job.notificationId)))
  return row?.body
}
