import { and, count, desc, eq, getTableColumns, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { foldForSearch } from '../../../platform/search-key'
import { preferredTimes, type RequestKind, type RequestStatus, requests, threadMessages } from '../../bookings'
import { notifications } from '../../notifications'

export const inboxPageSize = 25

export interface InboxFilter {
  kind?: RequestKind
  status?: RequestStatus
  /** Matches name or email (substring, ignoring case and accents) or a reference (exact). */
  search?: string
}

/** check: an email service that never answered, so it may or may not have gone out; the practitioner must look. */
export type DeliveryState = 'failed' | 'check' | 'pending' | 'sent' | 'none'

/*
 * Correlated subqueries name their columns in full: Drizzle leaves table names
 * off columns in a single-table select, which would bind them to the inner table.
 */

/**
 * The worst state among a request's notifications: one failure is what the
 * practitioner must see, then one that may not have gone out. Skipped (sent
 * deliberately not at all) counts like sent.
 */
const deliveryState = sql<DeliveryState>`(
  select case
    when sum(n.status = 'failed') > 0 then 'failed'
    when sum(n.status = 'unknown') > 0 then 'check'
    when sum(n.status = 'pending') > 0 then 'pending'
    when count(*) > 0 then 'sent'
    else 'none' end
  from ${notifications} n where n.request_id = "requests"."id")`

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`)

const likePattern = (text: string) => `%${escapeLike(text)}%`

/**
 * Name or email through the folded search key; rows stored before the key
 * existed (null until the hourly backfill reaches them) the old, ASCII-only way.
 */
function matchSearch(search: string): SQL | undefined {
  const folded = foldForSearch(search)
  const ascii = likePattern(search.toLowerCase())
  return or(
    folded ? sql`${requests.searchKey} like ${likePattern(folded)} escape '\\'` : undefined,
    and(isNull(requests.searchKey), or(sql`lower(${requests.name}) like ${ascii} escape '\\'`, sql`${requests.email} like ${ascii} escape '\\'`)),
    eq(requests.reference, search.toUpperCase()),
  )
}

function where(filter: InboxFilter): SQL | undefined {
  const search = filter.search?.trim()
  return and(
    filter.kind ? eq(requests.kind, filter.kind) : undefined,
    filter.status ? eq(requests.status, filter.status) : undefined,
    search ? matchSearch(search) : undefined,
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
        bookedVia: requests.bookedVia,
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

export const exportPageSize = 500

/** Where the previous export page ended: the next one starts strictly after it. */
export interface ExportCursor {
  createdAt: Date
  id: string
}

/**
 * One page of the CSV export, newest first, with each request's preferred
 * times in one column. Keyset pagination (after the last row's time and id,
 * never an offset) keeps each page as cheap as the first.
 */
export function exportRequests(db: Db, filter: InboxFilter, after?: ExportCursor, limit = exportPageSize) {
  return db
    .select({
      ...getTableColumns(requests),
      // Ordered in a subquery because group_concat has no ORDER BY of its own in SQLite.
      preferredTimes: sql<string | null>`(
        select group_concat(slot, '; ') from (
          select t.date || ' ' || t.period as slot from ${preferredTimes} t
          where t.request_id = "requests"."id" order by t.position))`,
      // Each message on its own lines: when (UTC), who, and the words.
      thread: sql<string | null>`(
        select group_concat(entry, char(10) || char(10)) from (
          select strftime('%Y-%m-%dT%H:%M:%SZ', m.created_at / 1000, 'unixepoch') || ' ' || m.author || ': ' || m.body as entry
          from ${threadMessages} m where m.request_id = "requests"."id" order by m.created_at, m.id))`,
    })
    .from(requests)
    .where(
      and(
        where(filter),
        after ? or(lt(requests.createdAt, after.createdAt), and(eq(requests.createdAt, after.createdAt), lt(requests.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(limit)
}
