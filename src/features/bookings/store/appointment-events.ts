import { and, eq, gte, inArray, max } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { requestEvents, requests } from './schema'

/** When each appointment starting at or after `from` last had an appointment event (confirmed, moved…), in ms, by request id. */
export async function listAppointmentsSetAt(db: Db, from: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: requestEvents.requestId, at: max(requestEvents.createdAt) })
    .from(requestEvents)
    .innerJoin(requests, eq(requests.id, requestEvents.requestId))
    .where(and(inArray(requestEvents.action, ['confirm', 'appointment']), gte(requests.confirmedStart, from)))
    .groupBy(requestEvents.requestId)
  return new Map(rows.flatMap((row) => (row.at ? [[row.id, row.at.getTime()]] : [])))
}
