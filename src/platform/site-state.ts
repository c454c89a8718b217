import { eq, sql } from 'drizzle-orm'
import { createSessionDb, type Db } from './database'
import { siteState } from './schema'

const siteStateKeys = { contentVersion: 'content-version', schedulerRan: 'scheduler-ran' } as const

/**
 * The statement that tells every isolate the public pages changed: put it in
 * the same batch as the article write, so no isolate can see the new version
 * without the new text, nor the text without the version.
 */
export function bumpContentVersion(db: Db, now: Date) {
  return db
    .insert(siteState)
    .values({ key: siteStateKeys.contentVersion, value: 1, updatedAt: now })
    .onConflictDoUpdate({ target: siteState.key, set: { value: sql`${siteState.value} + 1`, updatedAt: now } })
}

/** The current content version (0 before the first change). */
export async function readContentVersion(db: Db): Promise<number> {
  const [row] = await db.select({ value: siteState.value }).from(siteState).where(eq(siteState.key, siteStateKeys.contentVersion))
  return row?.value ?? 0
}

/** Records that the publishing cron ran at `now` (the editor shows it). */
export async function markSchedulerRan(db: Db, now: Date): Promise<void> {
  await db
    .insert(siteState)
    .values({ key: siteStateKeys.schedulerRan, value: now.getTime(), updatedAt: now })
    .onConflictDoUpdate({ target: siteState.key, set: { value: now.getTime(), updatedAt: now } })
}

/** When the publishing cron last ran, or null if it never has. */
export async function readSchedulerRan(db: Db): Promise<Date | null> {
  const [row] = await db.select({ value: siteState.value }).from(siteState).where(eq(siteState.key, siteStateKeys.schedulerRan))
  return row ? new Date(row.value) : null
}

/**
 * The content version, read through a D1 session of its own, with that
 * session's bookmark: a read that starts from the bookmark sees at least the
 * content this version stands for, whichever replica answers it.
 */
export async function readContentVersionAt(database: D1Database): Promise<{ version: number; bookmark: D1SessionBookmark | null }> {
  const session = database.withSession('first-unconstrained')
  const version = await readContentVersion(createSessionDb(session))
  return { version, bookmark: session.getBookmark() }
}
