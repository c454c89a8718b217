import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDayKeys, dayKeyOf, markOf, sipHash24 } from '../../../src/features/insight/reader'

const secret = env.READER_HASH_SECRET
const address = '198.51.100.23'
const agent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1'

describe('the daily reader mark', () => {
  it('is the same for one reader all day, across isolates, and 16 hex characters long', async () => {
    const first = await createDayKeys().keyFor(secret, '2032-01-10')
    const second = await createDayKeys().keyFor(secret, '2032-01-10')
    expect(second).toEqual(first)
    expect(first).toHaveLength(16)
    const mark = markOf(first, address, agent)
    expect(mark).toMatch(/^[0-9a-f]{16}$/)
    expect(markOf(second, address, agent)).toBe(mark)
  })

  it('differs between readers: another address or another browser is another mark', async () => {
    const key = await dayKeyOf(secret, '2032-01-11')
    const mark = markOf(key, address, agent)
    expect(markOf(key, '198.51.100.24', agent)).not.toBe(mark)
    expect(markOf(key, address, `${agent} Version/18`)).not.toBe(mark)
    // The separator keeps an address and a user agent from running into each other.
    expect(markOf(key, '1.2.3.4', '5 Firefox')).not.toBe(markOf(key, '1.2.3.45', ' Firefox'))
  })

  it('cannot be linked to the next day’s: each day’s key differs', async () => {
    const keys = createDayKeys()
    const dayOne = await keys.keyFor(secret, '2032-02-10')
    const dayTwo = await keys.keyFor(secret, '2032-02-11')
    expect(dayTwo).not.toEqual(dayOne)
    expect(markOf(dayTwo, address, agent)).not.toBe(markOf(dayOne, address, agent))
  })

  it('needs the Worker secret: another secret gives other marks, and the database holds no key', async () => {
    const key = await dayKeyOf(secret, '2032-03-10')
    const other = await dayKeyOf(`${secret}-another`, '2032-03-10')
    expect(other).not.toEqual(key)
    expect(markOf(other, address, agent)).not.toBe(markOf(key, address, agent))
    const tables = await env.DB.prepare("select name from sqlite_master where type = 'table' and (name like '%salt%' or name like '%key%')").all()
    expect(tables.results).toEqual([])
  })

  it('is refused without the secret, rather than keyed with nothing', async () => {
    await expect(createDayKeys().keyFor('', '2032-04-10')).rejects.toThrow('READER_HASH_SECRET is not set')
    await expect(createDayKeys().keyFor('fifteen-chars!!', '2032-04-10')).rejects.toThrow('READER_HASH_SECRET is not set')
  })
})

describe('SipHash-2-4', () => {
  // The reference vectors of Aumasson and Bernstein (vectors.h): key 00..0f, message 00..(n-1), the 64-bit result as a number.
  it.each([
    [0, '726fdb47dd0e0e31'],
    [1, '74f839c593dc67fd'],
    [7, 'ab0200f58b01d137'],
    [8, '93f5f5799a932462'],
    [15, 'a129ca6149be45e5'],
    [63, '958a324ceb064572'],
  ])('gives the reference result for %i bytes', (length, expected) => {
    const key = Uint8Array.from({ length: 16 }, (_, index) => index)
    expect(
      sipHash24(
        key,
        Uint8Array.from({ length }, (_, index) => index),
      ),
    ).toBe(expected)
  })
})
