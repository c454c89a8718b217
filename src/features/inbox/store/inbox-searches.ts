import { and, eq, gt, lte } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { sessionLifetimeMs } from '../../admin-access'
import { requestKinds, requestStatuses } from '../../bookings'
import type { InboxFilter } from './inbox'
import { inboxSearches } from './schema'

/** A saved search lasts as long as a session: whoever typed it has signed in again by then. */
export const inboxSearchLifetimeMs = sessionLifetimeMs

/** 128 random bits as hex: a search id cannot be guessed, so it cannot be used to probe for a patient. */
const inboxSearchIdPattern = /^[0-9a-f]{32}$/

const newSearchId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined => (values.includes(value as T) ? (value as T) : undefined)

/** Reads a stored filter back, keeping only fields it could have been saved with. */
function parseFilter(json: string): InboxFilter {
  const stored = JSON.parse(json) as Record<string, unknown>
  return {
    kind: oneOf(requestKinds, stored.kind),
    status: oneOf(requestStatuses, stored.status),
    search: typeof stored.search === 'string' ? stored.search : undefined,
  }
}

/** Saves a filter behind a fresh random id, valid for eight hours from `now`. */
export async function saveInboxSearch(db: Db, filter: InboxFilter, now: Date): Promise<string> {
  const id = newSearchId()
  await db.insert(inboxSearches).values({
    id,
    filter: JSON.stringify({ kind: filter.kind, status: filter.status, search: filter.search }),
    createdAt: now,
    expiresAt: new Date(now.getTime() + inboxSearchLifetimeMs),
  })
  return id
}

/** The filter saved under `id`, or undefined when there is none or it has expired. */
export async function loadInboxSearch(db: Db, id: string, now: Date): Promise<InboxFilter | undefined> {
  if (!inboxSearchIdPattern.test(id)) return undefined
  const [row] = await db
    .select({ filter: inboxSearches.filter })
    .from(inboxSearches)
    .where(and(eq(inboxSearches.id, id), gt(inboxSearches.expiresAt, now)))
  return row ? parseFilter(row.filter) : undefined
}

/**
 * The write that forgets every saved search, for the batch that signs out
 * everywhere: a search may hold a patient's name or address, and whoever made
 * it can no longer open it.
 */
export const deleteEveryInboxSearch = (db: Db) => db.delete(inboxSearches)

/** Deletes searches past their expiry (hourly), so typed names and addresses do not linger. */
export async function deleteExpiredInboxSearches(db: Db, now: Date): Promise<number> {
  const deleted = await db.delete(inboxSearches).where(lte(inboxSearches.expiresAt, now)).returning({ id: inboxSearches.id })
  return deleted.length
}
