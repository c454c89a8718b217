import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { requests } from '../../../../src/features/bookings/store/schema'
import { fillMissingSearchKeys } from '../../../../src/features/inbox/store/search-keys'
import { crons } from '../../../../src/worker'
import { type AdminSession, signIn } from '../../../helpers/admin'
import { contactFields, db, post, referenceFrom } from '../../../helpers/forms'
import { namesFound } from '../../../helpers/inbox-search'
import { runCron } from '../../../helpers/notify'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** A request as stored before search keys existed: its key is null. */
async function storeUnkeyed(name: string) {
  const reference = referenceFrom(await post('/contact', await contactFields({ name })))
  const [row] = await db().update(requests).set({ searchKey: null }).where(eq(requests.reference, reference)).returning()
  return row!
}

const nullKeys = async () => (await env.DB.prepare('select count(*) as total from requests where search_key is null').first<number>('total')) ?? 0

describe('search keys of requests stored before they existed', () => {
  it('are found the old way until the hourly cron fills them in, then with accents folded', async () => {
    const marker = crypto.randomUUID().slice(0, 8)
    const old = await storeUnkeyed(`Søren Ørsted ${marker}`)
    expect(await namesFound(session, { q: `${marker}` })).toEqual([old.name])
    expect(await namesFound(session, { q: old.email.toUpperCase() })).toEqual([old.name])
    expect(await namesFound(session, { q: `orsted ${marker}` })).toEqual([])

    // The next 10:00 UTC after the request: within its retention, and not the digest hour.
    const run = new Date(old.createdAt)
    run.setUTCHours(10, 0, 0, 0)
    if (run <= old.createdAt) run.setUTCDate(run.getUTCDate() + 1)
    await runCron(crons.hourly, run)
    const [filled] = await db().select().from(requests).where(eq(requests.id, old.id))
    expect(filled!.searchKey).toBe(`soren orsted ${marker} ${old.email}`)
    expect(await namesFound(session, { q: `orsted ${marker}` })).toEqual([old.name])
    expect(await namesFound(session, { q: `ØRSTED ${marker}` })).toEqual([old.name])
  })

  it('are filled a page at a time, each row once', async () => {
    const marker = crypto.randomUUID().slice(0, 8)
    const rows = [await storeUnkeyed(`Élise ${marker} 1`), await storeUnkeyed(`Élise ${marker} 2`), await storeUnkeyed(`Élise ${marker} 3`)]
    const before = await nullKeys()
    expect(await fillMissingSearchKeys(db(), 2)).toBe(2)
    expect(await nullKeys()).toBe(before - 2)
    while ((await fillMissingSearchKeys(db(), 2)) > 0);
    const keys = await db()
      .select({ name: requests.name, key: requests.searchKey })
      .from(requests)
      .where(
        inArray(
          requests.id,
          rows.map((row) => row.id),
        ),
      )
    expect(keys.map((row) => row.key).sort()).toEqual(rows.map((row) => `elise ${marker} ${row.name.at(-1)} ${row.email}`).sort())
    expect(await fillMissingSearchKeys(db(), 2)).toBe(0)
  })
})
