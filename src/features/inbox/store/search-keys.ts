import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { searchKeyOf } from '../../../platform/search-key'
import { requests } from '../../bookings'

/** Rows keyed per hourly run: a year of old requests is done within a few days, each run stays small. */
const searchKeysPerRun = 200

/**
 * Fills in the search key of up to `limit` requests stored before it existed,
 * folded in JavaScript as storeRequest does. Each update applies only while
 * the key is still missing, so a run racing another (or a new write) changes
 * nothing twice. Returns how many rows it filled.
 */
export async function fillMissingSearchKeys(db: Db, limit = searchKeysPerRun): Promise<number> {
  const rows = await db.select({ id: requests.id, name: requests.name, email: requests.email }).from(requests).where(isNull(requests.searchKey)).limit(limit)
  const [first, ...rest] = rows.map((row) =>
    db
      .update(requests)
      .set({ searchKey: searchKeyOf(row) })
      .where(and(eq(requests.id, row.id), isNull(requests.searchKey)))
      .returning({ id: requests.id }),
  )
  if (!first) return 0
  const results = await db.batch([first, ...rest])
  return results.reduce((filled, updated) => filled + updated.length, 0)
}
