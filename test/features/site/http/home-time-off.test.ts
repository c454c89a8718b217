import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { currentSettings, loadSections } from '../../../../src/features/settings/current'
import { saveSection } from '../../../../src/features/settings/store/settings'
import { addDays, zonedDate, zonedInstant } from '../../../../src/platform/time-zone'
import { db } from '../../../helpers/forms'
import { letFreshnessBoundPass, request } from '../../../helpers/http'

/** The home page through the Worker's real fetch handler and page cache, with the clock at `at`. */
async function homeAt(at: Date): Promise<string> {
  vi.setSystemTime(at)
  return (await request('/')).text()
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})

afterAll(() => {
  vi.useRealTimers()
})

describe('the home page’s time-off notice', () => {
  it('is shown through the clinic’s last day off and gone from its first minute after, though the page was cached', async () => {
    const timeZone = currentSettings().timeZone
    const dayOff = addDays(zonedDate(new Date(), timeZone), 3)
    const note = `training ${crypto.randomUUID().slice(0, 8)}`
    const { values, revisions } = await loadSections(db(), env)
    const after = { entries: [{ from: dayOff, to: dayOff, note }] }
    expect(
      await saveSection(db(), {
        section: 'time-off',
        before: values['time-off'],
        after,
        expectedRevision: revisions['time-off'] ?? 0,
        actor: 'test',
        now: new Date(),
      }),
    ).toBe('saved')
    await letFreshnessBoundPass()
    const lastMinute = zonedInstant(dayOff, '23:59', timeZone)
    expect(await homeAt(lastMinute)).toContain(note)
    expect(await homeAt(new Date(lastMinute.getTime() + 59_999))).toContain(note)
    expect(await homeAt(zonedInstant(addDays(dayOff, 1), '00:00', timeZone))).not.toContain(note)
  })
})
