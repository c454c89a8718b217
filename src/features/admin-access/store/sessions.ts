import { and, eq, gt, lte } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../../../platform/database'
import { adminSessions } from './schema'

export const sessionLifetimeMs = 8 * 60 * 60 * 1000

const sha256Hex = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (byte) => byte.toString(16).padStart(2, '0')).join('')

/**
 * Starts a session under the given credential fingerprint and returns its
 * token. Only the token's hash is stored, so a copy of the database cannot be
 * replayed as a cookie. Expired sessions are cleared in the same batch
 * (those of an older credential expire like any other).
 */
export async function startSession(db: Db, now: Date, credential: string): Promise<string> {
  const token = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('')
  await db.batch([
    db.delete(adminSessions).where(lte(adminSessions.expiresAt, now)),
    db
      .insert(adminSessions)
      .values({ id: await sha256Hex(token), createdAt: now, expiresAt: new Date(now.getTime() + sessionLifetimeMs), credentialFingerprint: credential }),
  ])
  return token
}

/** A session counts only before it expires and while the credential it started under is still the current one. */
export async function isSessionActive(db: Db, token: string, now: Date, credential: string): Promise<boolean> {
  const [session] = await db
    .select({ id: adminSessions.id })
    .from(adminSessions)
    .where(and(eq(adminSessions.id, await sha256Hex(token)), gt(adminSessions.expiresAt, now), eq(adminSessions.credentialFingerprint, credential)))
  return session !== undefined
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.id, await sha256Hex(token)))
}

/**
 * Ends every session, on every device, in one batch with `alongWith`: the
 * writes of what must not outlive the sessions (src/admin-app.tsx names them).
 */
export async function endAllSessions(db: Db, alongWith: readonly BatchItem<'sqlite'>[] = []): Promise<void> {
  await db.batch([db.delete(adminSessions), ...alongWith])
}
