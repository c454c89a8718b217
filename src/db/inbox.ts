import { and, count, desc, eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from './client'
import { notifications, preferredTimes, requests, type RequestKind, type RequestStatus } from './schema'

export const inboxPageSize = 25

export interface InboxFilter {
  kind?: RequestKind
  status?: RequestStatus
  /** Matches name or email (substring, case-insensitive) or a reference (exact). */
  search?: string
}

export type DeliveryState = 'sent' | 'pending' | 'failed' | 'none'

/*
 * Correlated subqueries name their columns in full: Drizzle leaves table names
 * off columns in a single-table select, which would bind them to the inner table.
 */

/** The worst state among a request's notifications: one failure is what the practitioner must see. */
const deliveryState = sql<DeliveryState>`(
  select case
    when sum(n.status = 'failed') > 0 then 'failed'
    when sum(n.status = 'pending') > 0 then 'pending'
    when count(*) > 0 then 'sent'
    else 'none' end
  from ${notifications} n where n.request_id = "requests"."id")`

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`)

function where(filter: InboxFilter): SQL | undefined {
  const search = filter.search?.trim()
  const pattern = search ? `%${escapeLike(search.toLowerCase())}%` : undefined
  return and(
    filter.kind ? eq(requests.kind, filter.kind) : undefined,
    filter.status ? eq(requests.status, filter.status) : undefined,
    pattern
      ? or(
          sql`lower(${requests.name}) like ${pattern} escape '\\'`,
          sql`${requests.email} like ${pattern} escape '\\'`,
          eq(requests.reference, search!.toUpperCase()),
        )
      : undefined,
  )
}

/** One page of requests, newest first, with each one's delivery state. */
export async function listRequests(db: Db, filter: InboxFilter, page: number) {
  const [rows, [total]] = await db.batch([
    db
      .select({
        id: requests.id,
        reference: requests.reference,
        kind: requests.kind,
        status: requests.status,
        name: requests.name,
        email: requests.email,
        createdAt: requests.createdAt,
        delivery: deliveryState,
      })
      .from(requests)
      .where(where(filter))
      .orderBy(desc(requests.createdAt), desc(requests.id))
      .limit(inboxPageSize)
      .offset((page - 1) * inboxPageSize),
    db.select({ total: count() }).from(requests).where(where(filter)),
  ])
  return { rows, total: total?.total ?? 0 }
}

/** Every request matching the filter with its preferred times in one column, for the CSV export. */
export function exportRequests(db: Db, filter: InboxFilter) {
  return db
    .select({
      ...getTableColumns(requests),
      // Ordered in a subquery because group_concat has no ORDER BY of its own in SQLite.
      preferredTimes: sql<string | null>`(
        select group_concat(slot, '; ') from (
          select t.date || ' ' || t.period as slot from ${preferredTimes} t
          where t.request_id = "requests"."id" order by t.position))`,
    })
    .from(requests)
    .where(where(filter))
    .orderBy(desc(requests.createdAt), desc(requests.id))
}
