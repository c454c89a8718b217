import type { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AdminEnv } from '../../../../src/features/admin-access'
import { findCalendarFallback, listAffectedAppointments } from '../../../../src/features/bookings/admin'
import { recordBusyCalendarFailure, replaceBusyBlocks, saveBusyCalendarAddress } from '../../../../src/features/bookings/store/busy-calendar'
import { settingsRoutes } from '../../../../src/features/settings/admin'
import { type AdminSession, adminAt, adminGet, signIn } from '../../../helpers/admin'
import { leaveNoCalendarAddress } from '../../../helpers/busy-calendar'
import { db } from '../../../helpers/forms'

leaveNoCalendarAddress()

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const address = 'https://calendar.example.org/private-settings-2048/basic.ics'
const readAt = new Date('2048-05-04T15:00:00Z')
const twoHours = 2 * 60 * 60_000
const notice = 'Patients are asked to request times, which you then confirm, until your own calendar is read again'

/** The settings' overview with its clock at `now`, after a good read at `readAt` and a failed one 15 minutes later. */
async function overviewAt(now: Date) {
  await saveBusyCalendarAddress(db(), { feedUrl: address })
  await replaceBusyBlocks(db(), { blocks: [], feedHash: 'hash', etag: null, lastModified: null, now: readAt })
  await recordBusyCalendarFailure(db(), { error: 'The calendar did not answer within 10 seconds', now: new Date(readAt.getTime() + 15 * 60_000) })
  // Its own variables (the sources and the clock) are set by its first middleware, so it mounts where plain admin routes do.
  const routes = settingsRoutes({ listAffectedAppointments, findCalendarFallback }, { clock: () => now }) as unknown as Hono<AdminEnv>
  const response = await adminAt(routes, '/admin/settings').get('/admin/settings')
  expect(response.status).toBe(200)
  return response.text()
}

describe('the settings page says when direct booking has fallen back to requests', () => {
  it('says so at the top, with the last good read and the last error, once that read is over two hours old', async () => {
    const page = await overviewAt(new Date(readAt.getTime() + twoHours + 1000))
    expect(page).toContain(
      '<h1>Practice settings</h1><div class="notice" role="alert"><p>' +
        `${notice}: it was last read May 4, 2048, 8:00 AM, more than two hours ago, and the last try failed: The calendar did not answer within 10 seconds.` +
        '</p><p><a href="/admin/calendar">Your calendar’s address and status</a></p></div>',
    )
    expect(page).not.toContain('private-settings-2048')
  })

  it('says nothing of it within two hours of the last good read', async () => {
    expect(await overviewAt(new Date(readAt.getTime() + twoHours))).not.toContain(notice)
  })

  it('says so while an address set has never been read, and nothing without an address', async () => {
    expect(await (await adminGet(session, '/admin/settings')).text()).not.toContain(notice)
    await saveBusyCalendarAddress(db(), { feedUrl: address })
    expect(await (await adminGet(session, '/admin/settings')).text()).toContain(`${notice}: it has not been read yet.`)
  })
})
