import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { dailySalts } from '../../src/db/schema'
import { createSaltKeeper, hashReader } from '../../src/insight/reader'
import { tidyInsight } from '../../src/insight/retention'

const db = createDb(env.DB)
const address = '198.51.100.23'
const agent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1'

describe('the daily reader mark', () => {
  it('is the same for one reader all day, across isolates, and 32 hex characters long', async () => {
    const now = new Date('2032-01-10T17:00:00Z')
    const first = await createSaltKeeper().saltFor(db, '2032-01-10', now)
    const second = await createSaltKeeper().saltFor(db, '2032-01-10', now)
    expect(second).toBe(first)
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    const hash = await hashReader(first, address, agent)
    expect(hash).toMatch(/^[0-9a-f]{32}$/)
    expect(await hashReader(second, address, agent)).toBe(hash)
    expect(await hashReader(first, address, `${agent} Version/18`)).not.toBe(hash)
  })

  it('cannot be linked to the next day’s: the old salt is deleted and the new one differs', async () => {
    const keeper = createSaltKeeper()
    const dayOne = await keeper.saltFor(db, '2032-02-10', new Date('2032-02-10T17:00:00Z'))
    const nextMorning = new Date('2032-02-11T17:00:00Z')
    await tidyInsight(db, nextMorning, 'America/Los_Angeles')
    expect(await db.select().from(dailySalts).where(eq(dailySalts.day, '2032-02-10'))).toEqual([])
    const dayTwo = await keeper.saltFor(db, '2032-02-11', nextMorning)
    expect(dayTwo).not.toBe(dayOne)
    expect(await hashReader(dayTwo, address, agent)).not.toBe(await hashReader(dayOne, address, agent))
    expect(await db.select({ day: dailySalts.day }).from(dailySalts).where(eq(dailySalts.day, '2032-02-11'))).toEqual([{ day: '2032-02-11' }])
  })
})
