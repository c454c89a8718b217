import { and, asc, eq, gt, lt } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { type BusyCalendarStateRow, busyBlocks, busyCalendarState } from './schema'

/** The state table holds one row, always this id. */
const stateId = 1

/** D1 binds at most 100 values a statement; each block binds two. */
const blocksPerInsert = 40

/** How the practitioner's calendar was last read, or undefined before the first attempt. */
export async function findBusyCalendarState(db: Db): Promise<BusyCalendarStateRow | undefined> {
  const [row] = await db.select().from(busyCalendarState).where(eq(busyCalendarState.id, stateId))
  return row
}

type StateChange = Partial<Omit<BusyCalendarStateRow, 'id'>> & { lastAttemptAt: Date }

const writeState = (db: Db, change: StateChange) =>
  db
    .insert(busyCalendarState)
    .values({ id: stateId, ...change })
    .onConflictDoUpdate({ target: busyCalendarState.id, set: change })

/**
 * A good read: the blocks replace the stored ones and the state says so, in
 * one batch, so the blocks and their count never disagree.
 */
export async function replaceBusyBlocks(
  db: Db,
  input: { blocks: { start: Date; end: Date }[]; feedHash: string; etag: string | null; lastModified: string | null; now: Date },
): Promise<void> {
  const inserts = []
  for (let index = 0; index < input.blocks.length; index += blocksPerInsert) {
    inserts.push(db.insert(busyBlocks).values(input.blocks.slice(index, index + blocksPerInsert)))
  }
  await db.batch([
    db.delete(busyBlocks),
    ...inserts,
    writeState(db, {
      feedHash: input.feedHash,
      etag: input.etag,
      lastModified: input.lastModified,
      lastGoodReadAt: input.now,
      blocksCount: input.blocks.length,
      lastError: null,
      lastAttemptAt: input.now,
    }),
  ])
}

/** The feed answered "not modified": the stored blocks still stand, read good as of now. */
export async function recordBusyCalendarUnchanged(db: Db, input: { now: Date }): Promise<void> {
  await writeState(db, { lastGoodReadAt: input.now, lastError: null, lastAttemptAt: input.now })
}

/** A failed read: the last good blocks stay, the error is kept for the settings page. */
export async function recordBusyCalendarFailure(db: Db, input: { error: string; now: Date }): Promise<void> {
  await writeState(db, { lastError: input.error, lastAttemptAt: input.now })
}

/**
 * The practitioner's new calendar address, read by the next quarter-hour run.
 * The last read's blocks and validators stay until then: a different address
 * has another hash, so it is read whole rather than answered "not modified".
 */
export async function saveBusyCalendarAddress(db: Db, input: { feedUrl: string }): Promise<void> {
  await db
    .insert(busyCalendarState)
    .values({ id: stateId, feedUrl: input.feedUrl })
    .onConflictDoUpdate({ target: busyCalendarState.id, set: { feedUrl: input.feedUrl } })
}

/** No calendar any more: its address, its state and its busy blocks go in one batch, so no time stays blocked by it. */
export async function removeBusyCalendarAddress(db: Db): Promise<void> {
  await db.batch([db.delete(busyBlocks), db.delete(busyCalendarState)])
}

/** The stored busy blocks that overlap [from, until), earliest first. */
export async function listBusyBlocks(db: Db, range: { from: Date; until: Date }): Promise<{ start: Date; end: Date }[]> {
  return db
    .select({ start: busyBlocks.start, end: busyBlocks.end })
    .from(busyBlocks)
    .where(and(lt(busyBlocks.start, range.until), gt(busyBlocks.end, range.from)))
    .orderBy(asc(busyBlocks.start))
}
