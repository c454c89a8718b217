import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { requests } from '../../../../src/features/bookings/store/schema'
import { readRetentionPolicy } from '../../../../src/features/inbox/retention-policy'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { crons } from '../../../../src/worker'
import { adminPost, signIn } from '../../../helpers/admin'
import { contactFields, db, post, referenceFrom, uniqueEmail } from '../../../helpers/forms'
import { runCron } from '../../../helpers/notify'

const day = 24 * 60 * 60 * 1000

async function storeAged(ageMs: number, status: 'new' | 'spam', now: Date) {
  const reference = referenceFrom(await post('/contact', await contactFields()))
  await db()
    .update(requests)
    .set({ createdAt: new Date(now.getTime() - ageMs), status })
    .where(eq(requests.reference, reference))
  const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
  return row!.id
}

describe('retention purge (hourly cron)', () => {
  it('deletes requests just past RETENTION_DAYS, spam past SPAM_RETENTION_DAYS, keeps the rest, and records a count-only receipt', async () => {
    // 10:00 UTC is not the digest hour, so the run is only the purge.
    const now = new Date(Date.UTC(2027, 5, 1, 10, 0, 0))
    const minute = 60_000
    const kept = [await storeAged(365 * day - minute, 'new', now), await storeAged(30 * day - minute, 'spam', now), await storeAged(40 * day, 'new', now)]
    const purged = [await storeAged(365 * day + minute, 'new', now), await storeAged(30 * day + minute, 'spam', now)]
    await runCron(crons.hourly, now)
    const remaining = (
      await db()
        .select({ id: requests.id })
        .from(requests)
        .where(inArray(requests.id, [...kept, ...purged]))
    ).map((row) => row.id)
    expect(remaining.sort()).toEqual([...kept].sort())
    expect(await db().select().from(notifications).where(inArray(notifications.requestId, purged))).toHaveLength(0)
    const receipt = await env.DB.prepare(`select action, count from receipts where action = 'retention' order by id desc limit 1`).first()
    expect(receipt).toEqual({ action: 'retention', count: 2 })
  })

  it('reads the periods from the deployment, with defaults for missing or nonsense values', () => {
    expect(readRetentionPolicy({ RETENTION_DAYS: '90', SPAM_RETENTION_DAYS: '7' })).toEqual({ requestDays: 90, spamDays: 7 })
    expect(readRetentionPolicy({ RETENTION_DAYS: '', SPAM_RETENTION_DAYS: '-3' })).toEqual({ requestDays: 365, spamDays: 30 })
  })
})

describe('receipts only for something removed', () => {
  const receiptCount = async (action: 'erasure' | 'retention') =>
    (await env.DB.prepare('select count(*) as total from receipts where action = ?').bind(action).first<number>('total')) ?? 0

  it('an hourly purge that finds nothing past retention records no receipt', async () => {
    const before = await receiptCount('retention')
    // Years before anything in this file was stored, so nothing has expired; 10:00 UTC is not the digest hour.
    await runCron(crons.hourly, new Date(Date.UTC(2020, 0, 1, 10, 0, 0)))
    expect(await receiptCount('retention')).toBe(before)
  })

  it('erasing an address with nothing stored records no receipt, and says so', async () => {
    const session = await signIn()
    const before = await receiptCount('erasure')
    const done = await adminPost(session, '/admin/erase/confirm', { email: uniqueEmail('nobody') })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Nothing was stored for that address, so nothing was erased and no receipt was recorded.')
    expect(await receiptCount('erasure')).toBe(before)
  })
})
