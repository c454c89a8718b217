import type { Db } from '../../platform/database'
import { hmacHex } from '../../platform/signing'
import { zonedDate } from '../../platform/time-zone'
import { claimAcknowledgementKey, purgeAcknowledgementKeys } from './store/acknowledgement-log'

/** Longer than any clinic day (25 hours when the clocks go back), so a claim outlives its day. */
const keptForMs = 2 * 24 * 60 * 60 * 1000

/** Why an acknowledgement was not sent, as the inbox shows it. */
export const alreadyAcknowledged = 'the patient was already acknowledged today'

/**
 * Whether this notification may send the patient's acknowledgement. Anyone can
 * post the forms with any address and a new message each time, so an address
 * gets at most one acknowledgement per clinic calendar day: the first
 * notification to claim the day sends (its own retries too), any other is
 * skipped. The address is kept only inside a keyed hash with the day.
 */
export async function mayAcknowledge(
  db: Db,
  input: { notificationId: string; address: string; now: Date; secret: string; timeZone: string },
): Promise<boolean> {
  const key = await hmacHex(input.secret, `acknowledgement|${zonedDate(input.now, input.timeZone)}|${input.address.toLowerCase()}`)
  return (await claimAcknowledgementKey(db, { key, notificationId: input.notificationId, now: input.now })) === input.notificationId
}

/** Forgets the claims older than two days; returns how many went. */
export const forgetAcknowledgements = (db: Db, now: Date): Promise<number> => purgeAcknowledgementKeys(db, { before: new Date(now.getTime() - keptForMs) })
