import { eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { hashSecretToken, secretTokenPattern } from '../../../platform/secret-token'
import { manageTokens, type RequestRow, requests } from './schema'

/** The request a token opens, or undefined for a malformed, unknown or erased one (the caller answers one 404 for all). */
export async function findRequestByManageToken(db: Db, token: string): Promise<{ request: RequestRow; tokenHash: string } | undefined> {
  if (!secretTokenPattern.test(token)) return undefined
  const tokenHash = await hashSecretToken(token)
  const [row] = await db
    .select({ request: requests })
    .from(manageTokens)
    .innerJoin(requests, eq(requests.id, manageTokens.requestId))
    .where(eq(manageTokens.hash, tokenHash))
  return row ? { request: row.request, tokenHash } : undefined
}

/**
 * Stores a link token made elsewhere (derived from one email, so every retry of
 * that email carries the same link); storing it again changes nothing.
 */
export async function storeManageToken(db: Db, input: { token: string; requestId: string; now: Date }): Promise<void> {
  await db
    .insert(manageTokens)
    .values({ hash: await hashSecretToken(input.token), requestId: input.requestId, createdAt: input.now })
    .onConflictDoNothing()
}
