import { and, eq, lte, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { describeError } from '../../../platform/log'
import { newReference } from '../../../platform/reference'
import { searchKeyOf } from '../../../platform/search-key'
import { hashSecretToken } from '../../../platform/secret-token'
import { articles } from '../../articles'
import { type NotificationChannel, notifications } from '../../notifications'
import type { DayPeriod } from '../domain/vocabulary'
import { manageTokens, type NewRequest, preferredTimes, requests } from './schema'

/** A repeat of the same request (or booking) within this window returns the first reference. */
export const duplicateWindowMs = 10 * 60 * 1000

export interface NewRequestInput {
  request: Omit<NewRequest, 'id' | 'reference' | 'createdAt' | 'dedupeKey' | 'status' | 'searchKey' | 'sourceArticle'>
  /** The article the patient came from, unchecked: stored only if it names a published article, else dropped. */
  sourceArticle?: string
  /** Periods of days, or exact free starts (`start`) with their clinic date and period. */
  preferredTimes: readonly { date: string; period: DayPeriod; start?: Date }[]
  channels: readonly NotificationChannel[]
  /** Keyed hash of the request's content; equal keys within the window are the same request. */
  dedupeKey: string
  /** The link to the patient's page the answer page shows, stored (as its hash) with the request or not at all. */
  manageToken?: string
  now: Date
}

export type StoredRequest = { duplicate: false; requestId: string; reference: string; notificationIds: string[] } | { duplicate: true; reference: string }

/** `slug` when a published article has it, else NULL: checked in the insert itself, so no extra round trip. */
export const publishedSlug = (slug: string) =>
  sql<string | null>`(select ${articles.slug} from ${articles} where ${articles.slug} = ${slug} and ${articles.state} = 'published')`

/** Draws of a fresh reference before giving up: 40 random bits make even a second draw rare. */
const referenceDraws = 3

/**
 * Stores a request, its preferred times, one pending outbox row per channel and
 * the patient's page link (when given) in a single D1 batch (all or nothing). A repeat within the duplicate window
 * hits the unique dedupe key, rolls the batch back, and gets the first reference.
 * A reference already in use rolls the batch back too and is drawn again.
 */
export async function storeRequest(db: Db, input: NewRequestInput, drawReference: () => string = newReference): Promise<StoredRequest> {
  const tokenHash = input.manageToken === undefined ? undefined : await hashSecretToken(input.manageToken)
  for (let attempt = 1; ; attempt++) {
    const requestId = crypto.randomUUID()
    const reference = drawReference()
    const notificationIds = input.channels.map(() => crypto.randomUUID())
    try {
      await db.batch([
        db
          .update(requests)
          .set({ dedupeKey: null })
          .where(and(eq(requests.dedupeKey, input.dedupeKey), lte(requests.createdAt, new Date(input.now.getTime() - duplicateWindowMs)))),
        db.insert(requests).values({
          ...input.request,
          appointmentState: input.request.kind === 'booking' ? 'requested' : null,
          id: requestId,
          reference,
          dedupeKey: input.dedupeKey,
          searchKey: searchKeyOf(input.request),
          sourceArticle: input.sourceArticle === undefined ? null : publishedSlug(input.sourceArticle),
          createdAt: input.now,
        }),
        ...input.preferredTimes.map((time, index) =>
          db.insert(preferredTimes).values({ requestId, position: index + 1, date: time.date, period: time.period, start: time.start ?? null }),
        ),
        ...input.channels.map((channel, index) => db.insert(notifications).values({ id: notificationIds[index]!, requestId, channel, createdAt: input.now })),
        ...(tokenHash ? [db.insert(manageTokens).values({ hash: tokenHash, requestId, createdAt: input.now })] : []),
      ])
      return { duplicate: false, requestId, reference, notificationIds }
    } catch (error) {
      const text = describeError(error)
      if (text.includes('requests.dedupe_key')) {
        const [first] = await db.select({ reference: requests.reference }).from(requests).where(eq(requests.dedupeKey, input.dedupeKey))
        if (first) return { duplicate: true, reference: first.reference }
      }
      if (text.includes('requests.reference')) {
        if (attempt < referenceDraws) continue
        throw new Error(`no unused reference after ${referenceDraws} draws; nothing was stored`, { cause: error })
      }
      throw error
    }
  }
}
