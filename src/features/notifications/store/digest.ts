import { and, count, gte, lt } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import type { notificationStatuses } from '../domain/vocabulary'
import { notifications } from './schema'

/** How many notifications written in [since, until) stand at each status. */
export async function countDeliveries(db: Db, input: { since: Date; until: Date }): Promise<Record<(typeof notificationStatuses)[number], number>> {
  const delivery = await db
    .select({ status: notifications.status, total: count() })
    .from(notifications)
    .where(and(gte(notifications.createdAt, input.since), lt(notifications.createdAt, input.until)))
    .groupBy(notifications.status)
  const figures = { pending: 0, sent: 0, failed: 0, unknown: 0, skipped: 0 }
  for (const row of delivery) figures[row.status] = row.total
  return figures
}
