import { and, asc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { requestEvents, requests } from './schema'

/**
 * Bookings waiting for an answer: requested (for the clinic) or proposed (for
 * the patient), and not marked spam or closed by the practitioner, who has
 * dealt with those otherwise; a spam booking must not email its address.
 */
export const awaitingAnswerSql = (): SQL =>
  and(eq(requests.kind, 'booking'), inArray(requests.appointmentState, ['requested', 'proposed']), notInArray(requests.status, ['spam', 'closed']))!

/**
 * Since when a booking has waited in its state: the latest change of its
 * appointment made by a person (a proposal, the patient asking for other
 * times), or when it was received. The clinic's own events are left out, so
 * the expiry's history row, written first in its batch, cannot move the clock
 * for the statements after it.
 */
export const waitingSinceSql = (): SQL<number> =>
  // Names spelled out with their tables: Drizzle drops the table from columns in a single-table select list, which would tie the subquery to itself.
  sql<number>`coalesce((select max(waiting.created_at) from ${requestEvents} waiting where waiting.request_id = ${requests}.id and waiting.action = 'appointment' and waiting.actor != 'system'), ${requests}.created_at)`

/** The condition an expiry is written under: still waiting, and since `cutoff` or earlier. */
export const waitedSinceSql = (cutoff: Date): SQL => and(awaitingAnswerSql(), sql`${waitingSinceSql()} <= ${cutoff.getTime()}`)!

/** Up to `limit` bookings that have waited since `cutoff` or earlier, longest waiting first. */
export async function listExpiredRequests(db: Db, input: { cutoff: Date; limit: number }): Promise<string[]> {
  const rows = await db.select({ id: requests.id }).from(requests).where(waitedSinceSql(input.cutoff)).orderBy(asc(waitingSinceSql())).limit(input.limit)
  return rows.map((row) => row.id)
}
