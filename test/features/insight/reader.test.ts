import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createSaltKeeper, hashReader, saltOf } from '../../../src/features/insight/reader'

const secret = env.READER_HASH_SECRET
const address = '198.51.100.23'
const agent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1'

describe('the daily reader mark', () => {
  it('is the same for one reader all day, across isolates, and 32 hex characters long', async () => {
    const first = await createSaltKeeper().saltFor(secret, '2032-01-10')
    const second = await createSaltKeeper().saltFor(secret, '2032-01-10')
    expect(second).toBe(first)
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    const hash = await hashReader(first, address, agent)
    expect(hash).toMatch(/^[0-9a-f]{32}$/)
    expect(await hashReader(second, address, agent)).toBe(hash)
    expect(await hashReader(first, address, `${agent} Version/18`)).not.toBe(hash)
  })

  it('cannot be linked to the next day’s: each day’s salt differs', async () => {
    const keeper = createSaltKeeper()
    const dayOne = await keeper.saltFor(secret, '2032-02-10')
    const dayTwo = await keeper.saltFor(secret, '2032-02-11')
    expect(dayTwo).not.toBe(dayOne)
    expect(await hashReader(dayTwo, address, agent)).not.toBe(await hashReader(dayOne, address, agent))
  })

  it('needs the Worker secret: the database alone cannot recompute it', async () => {
    expect(await saltOf(secret, '2032-03-10')).not.toBe(await saltOf(`${secret}-another`, '2032-03-10'))
    const tables = await env.DB.prepare("select name from sqlite_master where type = 'table' and name like '%salt%'").all()
    expect(tables.results).toEqual([])
  })

  it('is refused without the secret, rather than salted with nothing', async () => {
    await expect(createSaltKeeper().saltFor('', '2032-04-10')).rejects.toThrow('READER_HASH_SECRET is not set')
  })
})
