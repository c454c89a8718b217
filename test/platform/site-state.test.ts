import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { articles } from '../../src/features/articles/store/schema'
import { createDb } from '../../src/platform/database'
import { bumpContentVersion, markSchedulerRan, readContentVersion, readSchedulerRan } from '../../src/platform/site-state'

const db = createDb(env.DB)

describe('the content version', () => {
  it('moves by one with each bump', async () => {
    const before = await readContentVersion(db)
    await db.batch([bumpContentVersion(db, new Date('2026-05-01T10:00:00Z'))])
    await db.batch([bumpContentVersion(db, new Date('2026-05-01T10:01:00Z'))])
    expect(await readContentVersion(db)).toBe(before + 2)
  })

  it('does not move when the write in its batch fails', async () => {
    const before = await readContentVersion(db)
    const duplicate = {
      slug: `site-state-${crypto.randomUUID()}`,
      title: 't',
      description: 'd',
      tags: [],
      references: [],
      body: 'b',
      revision: 1,
      changedAt: new Date(0),
    }
    await db.insert(articles).values({ ...duplicate, id: crypto.randomUUID() })
    // The same slug again breaks the unique index: the whole batch is rolled back.
    await expect(
      db.batch([bumpContentVersion(db, new Date('2026-05-01T10:02:00Z')), db.insert(articles).values({ ...duplicate, id: crypto.randomUUID() })]),
    ).rejects.toThrow()
    expect(await readContentVersion(db)).toBe(before)
    expect(await db.select().from(articles).where(eq(articles.slug, duplicate.slug))).toHaveLength(1)
  })
})

describe('the scheduler’s last run', () => {
  it('keeps the latest instant it was marked at', async () => {
    await markSchedulerRan(db, new Date('2026-05-01T10:00:00Z'))
    await markSchedulerRan(db, new Date('2026-05-01T10:05:00Z'))
    expect(await readSchedulerRan(db)).toEqual(new Date('2026-05-01T10:05:00Z'))
  })
})
