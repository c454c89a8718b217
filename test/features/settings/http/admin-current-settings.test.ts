import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { requests } from '../../../../src/features/bookings/store/schema'
import { currentSettings } from '../../../../src/features/settings/current'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { confirmAt, daysAhead, outboxOf, storeBooking } from '../../../helpers/appointments'
import { db } from '../../../helpers/forms'
import { withSettings } from '../../../helpers/settings'

/*
 * Each test saves the sections it needs and saves their earlier values back
 * when it ends, so the other tests of the file see the starting settings.
 */
let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const hourMs = 3_600_000

describe('the inbox follows the practice settings saved in it', () => {
  it('plans the reminders at confirmation from the saved lead time, not the starting REMINDER_HOURS', async () => {
    const booking = await storeBooking()
    const date = daysAhead(12)
    await withSettings(
      'policies',
      (policies) => ({ ...policies, reminderHours: [2], quietHours: null }),
      () => confirmAt(session, booking.id, date, '10:00'),
    )
    const start = zonedInstant(date, '10:00', currentSettings().timeZone)
    const reminders = (await outboxOf(booking.id)).filter((row) => row.topic === 'reminder')
    expect(reminders.map((row) => [row.status, row.dueAt?.getTime()])).toEqual([['pending', start.getTime() - 2 * hourMs]])
  })

  it('shows the treatment as the patient booked it after a rename and a new price, and an older request’s treatment as it is now', async () => {
    const booked = await storeBooking({ serviceId: 'back-pain' })
    await db()
      .update(requests)
      .set({ serviceName: 'Back pain focused session', serviceDurationMinutes: 60, servicePriceCents: 9500 })
      .where(eq(requests.id, booked.id))
    const older = await storeBooking({ serviceId: 'back-pain' })
    await db().update(requests).set({ serviceName: null, serviceDurationMinutes: null, servicePriceCents: null }).where(eq(requests.id, older.id))

    const [bookedPage, olderPage] = await withSettings(
      'treatments',
      (treatments) => ({
        items: treatments.items.map((item) =>
          item.id === 'back-pain' ? { ...item, name: 'Lower back session', durationMinutes: 75, priceCents: 15000, visible: false } : item,
        ),
      }),
      () => Promise.all([booked, older].map(async (request) => (await adminGet(session, `/admin/requests/${request.id}`)).text())),
    )
    expect(bookedPage).toContain('<dt>Treatment</dt><dd>Back pain focused session, 60 minutes, $95.00</dd>')
    expect(bookedPage).not.toContain('Lower back session')
    // No treatment kept with the request: the one of that id as it is now, hidden or not.
    expect(olderPage).toContain('<dt>Treatment</dt><dd>Lower back session, 75 minutes, $150.00</dd>')
  })
})
