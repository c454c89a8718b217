import { and, eq, inArray, max } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { describeError } from '../../../platform/log'
import { type NotificationChannel, notifications } from '../../notifications'
import type { RequestStatus } from '../domain/vocabulary'
import { requests, threadMessages } from './schema'

/** The channels on which the clinic writes to the patient: each such email carries the reply address. */
const toPatientChannels: NotificationChannel[] = ['patient', 'confirmation', 'appointment', 'reply']

export interface ReplyTarget {
  id: string
  reference: string
  status: RequestStatus
  email: string
  createdAt: Date
  confirmedStart: Date | null
  /** When the clinic last wrote the patient an email about this request, if it ever did. */
  lastEmailToPatient: Date | null
}

/** The request a reply address names, with what decides whether its address is still open; undefined for an unknown (or erased) reference. */
export async function findReplyTarget(db: Db, reference: string): Promise<ReplyTarget | undefined> {
  const [request] = await db
    .select({
      id: requests.id,
      reference: requests.reference,
      status: requests.status,
      email: requests.email,
      createdAt: requests.createdAt,
      confirmedStart: requests.confirmedStart,
    })
    .from(requests)
    .where(eq(requests.reference, reference))
  if (!request) return undefined
  const [last] = await db
    .select({ at: max(notifications.createdAt) })
    .from(notifications)
    .where(and(eq(notifications.requestId, request.id), inArray(notifications.channel, toPatientChannels)))
  return { ...request, lastEmailToPatient: last?.at ?? null }
}

export interface PatientReplyInput {
  requestId: string
  body: string
  attachments: number
  /** The email's Message-ID header; null when it carried none (then nothing tells a second delivery apart). */
  messageId: string | null
  /** The practitioner's channels the notice goes out on. */
  channels: readonly NotificationChannel[]
  now: Date
}

export type StoredPatientReply = { duplicate: false; notificationIds: string[] } | { duplicate: true }

/**
 * The patient's email as a message of the request's thread, with the
 * practitioner's `patient-replied` notices in the outbox, in one batch. The
 * same email handed over twice (one Message-ID) hits the thread's unique
 * index, which rolls the whole batch back, notices included: the second
 * delivery stores and tells nothing.
 */
export async function storePatientReply(db: Db, input: PatientReplyInput): Promise<StoredPatientReply> {
  const notificationIds = input.channels.map(() => crypto.randomUUID())
  try {
    await db.batch([
      db.insert(threadMessages).values({
        id: crypto.randomUUID(),
        requestId: input.requestId,
        author: 'patient',
        body: input.body,
        attachments: input.attachments,
        messageId: input.messageId,
        createdAt: input.now,
      }),
      ...input.channels.map((channel, index) =>
        db.insert(notifications).values({ id: notificationIds[index]!, requestId: input.requestId, channel, topic: 'patient-replied', createdAt: input.now }),
      ),
    ])
    return { duplicate: false, notificationIds }
  } catch (error) {
    if (describeError(error).includes('thread_messages.message_id')) return { duplicate: true }
    throw error
  }
}
