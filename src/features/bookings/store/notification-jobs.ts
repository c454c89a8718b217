import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { type NotificationRow, notifications } from '../../notifications'
import { type PreferredTimeRow, preferredTimes, type RequestRow, requests } from './schema'

/** A notification with everything needed to compose it. */
export interface NotificationJob {
  notification: NotificationRow
  request: RequestRow
  preferredTimes: PreferredTimeRow[]
}

/** The outbox row with its request and preferred times, or undefined if the request is gone (erased). */
export async function loadNotificationJob(db: Db, id: string): Promise<NotificationJob | undefined> {
  const [row] = await db
    .select({ notification: notifications, request: requests })
    .from(notifications)
    .innerJoin(requests, eq(requests.id, notifications.requestId))
    .where(eq(notifications.id, id))
  if (!row) return undefined
  const times = await db.select().from(preferredTimes).where(eq(preferredTimes.requestId, row.request.id)).orderBy(asc(preferredTimes.position))
  return { ...row, preferredTimes: times }
}
