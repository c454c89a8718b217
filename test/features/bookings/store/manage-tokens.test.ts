import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findRequestByManageToken, storeManageToken } from '../../../../src/features/bookings/store/manage-tokens'
import { manageTokens } from '../../../../src/features/bookings/store/schema'
import { hashSecretToken } from '../../../../src/platform/secret-token'
import { db } from '../../../helpers/forms'
import { storeBooking } from '../../../helpers/manage'

const now = new Date('2027-03-01T17:00:00Z')

describe('a page link made from a notification', () => {
  it('opens its request, and storing it again (a retry of the email) changes nothing', async () => {
    const { id } = await storeBooking(now)
    const token = crypto.randomUUID().replace(/-/g, '')
    await storeManageToken(db(), { token, requestId: id, now })
    await storeManageToken(db(), { token, requestId: id, now: new Date(now.getTime() + 60_000) })
    expect((await findRequestByManageToken(db(), token))?.request.id).toBe(id)
    const stored = await db()
      .select()
      .from(manageTokens)
      .where(eq(manageTokens.hash, await hashSecretToken(token)))
    expect(stored).toEqual([{ hash: await hashSecretToken(token), requestId: id, createdAt: now }])
  })
})
