import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { type NewRequestInput, storeRequest } from '../../../../src/features/bookings/store/requests'
import { preferredTimes, requests } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { newReference } from '../../../../src/platform/reference'
import { db, uniqueEmail } from '../../../helpers/forms'

const bookingInput = (email: string): NewRequestInput => ({
  request: { kind: 'booking', name: 'Clash Patient', email },
  preferredTimes: [{ date: '2030-01-07', period: 'morning' }],
  channels: ['email'],
  dedupeKey: `key-${crypto.randomUUID()}`,
  now: new Date(Date.UTC(2030, 0, 1, 9)),
})

/** Hands out the given references in turn, recording each draw. */
function drawing(...references: string[]) {
  const drawn: string[] = []
  const draw = () => {
    const reference = references[drawn.length] ?? newReference()
    drawn.push(reference)
    return reference
  }
  return { draw, drawn }
}

const storedFor = (email: string) => db().select().from(requests).where(eq(requests.email, email))

describe('storing a request when its reference is already taken', () => {
  it('draws again and stores the request under the fresh reference', async () => {
    const taken = await storeRequest(db(), bookingInput(uniqueEmail('first')))
    if (taken.duplicate) throw new Error('the first request was taken for a duplicate')
    const fresh = newReference()
    const { draw, drawn } = drawing(taken.reference, fresh)
    const email = uniqueEmail('second')
    const stored = await storeRequest(db(), bookingInput(email), draw)
    expect(stored).toMatchObject({ duplicate: false, reference: fresh })
    expect(drawn).toEqual([taken.reference, fresh])
    const [row] = await storedFor(email)
    expect(row!.reference).toBe(fresh)
    expect(await db().select().from(preferredTimes).where(eq(preferredTimes.requestId, row!.id))).toHaveLength(1)
    expect(await db().select().from(notifications).where(eq(notifications.requestId, row!.id))).toHaveLength(1)
  })

  it('gives up with a clear error after three clashes in a row, storing nothing', async () => {
    const taken = await storeRequest(db(), bookingInput(uniqueEmail('first')))
    if (taken.duplicate) throw new Error('the first request was taken for a duplicate')
    const { draw, drawn } = drawing(taken.reference, taken.reference, taken.reference, newReference())
    const email = uniqueEmail('unlucky')
    await expect(storeRequest(db(), bookingInput(email), draw)).rejects.toThrow('no unused reference after 3 draws; nothing was stored')
    expect(drawn).toHaveLength(3)
    expect(await storedFor(email)).toHaveLength(0)
    const orphans = await env.DB.prepare(
      `select (select count(*) from preferred_times where request_id not in (select id from requests))
            + (select count(*) from notifications where request_id not in (select id from requests)) as total`,
    ).first<number>('total')
    expect(orphans).toBe(0)
  })

  it('stores the folded search key with the request', async () => {
    const email = uniqueEmail('key')
    await storeRequest(db(), { ...bookingInput(email), request: { kind: 'contact', name: 'Søren Ørsted', email } })
    const [row] = await storedFor(email)
    expect(row!.searchKey).toBe(`soren orsted ${email}`)
  })
})
