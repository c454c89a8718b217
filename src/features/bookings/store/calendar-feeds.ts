import { eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { hashSecretToken, newSecretToken, secretTokenPattern } from '../../../platform/secret-token'
import { calendarFeeds } from './schema'

/**
 * A new secret address for the practitioner's calendar feed. The one stored
 * hash is replaced in the same batch, so the previous address stops working
 * the moment the new one exists.
 */
export async function replaceCalendarFeed(db: Db, input: { now: Date }): Promise<string> {
  const token = newSecretToken()
  await db.batch([db.delete(calendarFeeds), db.insert(calendarFeeds).values({ hash: await hashSecretToken(token), createdAt: input.now })])
  return token
}

/** When the current feed address was made, or undefined when there is none. */
export async function findCalendarFeed(db: Db): Promise<{ createdAt: Date } | undefined> {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).limit(1)
  return row
}

/** Whether a token is the current feed's; a malformed one is refused before any lookup. */
export async function isCalendarFeedToken(db: Db, token: string): Promise<boolean> {
  if (!secretTokenPattern.test(token)) return false
  const [row] = await db
    .select({ hash: calendarFeeds.hash })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.hash, await hashSecretToken(token)))
  return row !== undefined
}
