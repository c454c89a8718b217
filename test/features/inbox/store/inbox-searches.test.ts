import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { erasePatient } from '../../../../src/features/inbox/store/erasure'
import { inboxSearchLifetimeMs, loadInboxSearch, saveInboxSearch } from '../../../../src/features/inbox/store/inbox-searches'
import { crons } from '../../../../src/worker'
import { contactFields, db, post, uniqueEmail } from '../../../helpers/forms'
import { runCron } from '../../../helpers/notify'

const hour = 60 * 60 * 1000
const stored = async (id: string) => (await env.DB.prepare('select count(*) as total from inbox_searches where id = ?').bind(id).first<number>('total')) === 1

describe('saved inbox searches', () => {
  it('are kept behind 128 random bits and read back for eight hours, then no longer', async () => {
    const now = new Date(Date.UTC(2030, 0, 1, 9))
    const id = await saveInboxSearch(db(), { kind: 'booking', status: 'new', search: 'Jane Doe' }, now)
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(inboxSearchLifetimeMs).toBe(8 * hour)
    expect(await loadInboxSearch(db(), id, new Date(now.getTime() + 8 * hour - 1))).toEqual({ kind: 'booking', status: 'new', search: 'Jane Doe' })
    expect(await loadInboxSearch(db(), id, new Date(now.getTime() + 8 * hour))).toBeUndefined()
    expect(await loadInboxSearch(db(), 'f'.repeat(32), now)).toBeUndefined()
  })

  it('are deleted by the hourly cron once expired', async () => {
    const now = new Date(Date.UTC(2031, 0, 1, 10))
    const expired = await saveInboxSearch(db(), { search: 'old' }, new Date(now.getTime() - 8 * hour))
    const current = await saveInboxSearch(db(), { search: 'recent' }, new Date(now.getTime() - 8 * hour + 1))
    await runCron(crons.hourly, now)
    expect(await stored(expired)).toBe(false)
    expect(await stored(current)).toBe(true)
  })

  it('are all deleted with the erasure of a patient, whose address any of them may hold', async () => {
    const email = uniqueEmail('erased')
    await post('/contact', await contactFields({ email }))
    const now = new Date(Date.UTC(2032, 0, 1, 9))
    const ids = [await saveInboxSearch(db(), { search: email }, now), await saveInboxSearch(db(), { kind: 'contact' }, now)]
    expect(await erasePatient(db(), { email, now })).toEqual({ requests: 1, waitlistPlaces: 0 })
    for (const id of ids) expect(await stored(id)).toBe(false)
  })
})
