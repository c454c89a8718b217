import { eq, lt } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { acknowledgementLog } from './schema'

/**
 * Claims `key` (an address on one day) for a notification unless another one
 * claimed it first, and returns the notification that holds the claim. The
 * insert and the read-back are one batch, so two deliveries racing for the
 * same day both read the one row that won.
 */
export async function claimAcknowledgementKey(db: Db, input: { key: string; notificationId: string; now: Date }): Promise<string | undefined> {
  const [, [holder]] = await db.batch([
    db.insert(acknowledgementLog).values({ key: input.key, notificationId: input.notificationId, createdAt: input.now }).onConflictDoNothing(),
    db.select({ notificationId: acknowledgementLog.notificationId }).from(acknowledgementLog).where(eq(acknowledgementLog.key, input.key)),
  ])
  return holder?.notificationId
}

/** Deletes claims made before `before`; returns how many went. */
export async function purgeAcknowledgementKeys(db: Db, input: { before: Date }): Promise<number> {
  const deleted = await db.delete(acknowledgementLog).where(lt(acknowledgementLog.createdAt, input.before)).returning({ key: acknowledgementLog.key })
  return deleted.length
}
