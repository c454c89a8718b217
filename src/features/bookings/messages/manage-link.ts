import type { Db } from '../../../platform/database'
import { hmacHex } from '../../../platform/signing'
import { storeManageToken } from '../store/manage-tokens'

/**
 * The link to the patient's page one notification carries. Derived from the
 * notification and its delivery chain rather than drawn at random, so every
 * retry sends the same bytes (Resend refuses a repeated key with another
 * body); only its hash is stored. Every email to the patient that links
 * their page (acknowledgement, appointment emails, replies) takes it from here.
 */
export async function manageLinkFor(
  db: Db,
  notification: { id: string; generation: number; requestId: string },
  { secret, siteUrl, now }: { secret: string; siteUrl: string; now: Date },
): Promise<string> {
  const token = (await hmacHex(secret, `manage-link:${notification.id}:${notification.generation}`)).slice(0, 32)
  await storeManageToken(db, { token, requestId: notification.requestId, now })
  return new URL(`/manage/${token}`, siteUrl).toString()
}
