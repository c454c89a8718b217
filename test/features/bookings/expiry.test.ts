import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { transitions } from '../../../src/features/bookings/domain/states'
import { expireUnansweredRequests } from '../../../src/features/bookings/jobs'
import { applyTransition } from '../../../src/features/bookings/store/appointments'
import { requestEvents, requests } from '../../../src/features/bookings/store/schema'
import { notifications } from '../../../src/features/notifications/store/schema'
import { crons } from '../../../src/worker'
import { wrapBinding } from '../../helpers/bindings'
import { db } from '../../helpers/forms'
import { recordingMessages, runCron, storeAt } from '../../helpers/notify'
import { withSettings } from '../../helpers/settings'

/*
 * Each test stores its bookings on days of its own in the past, away from the
 * digest hour, and runs the hourly cron at fixed instants after them: a run
 * expires every booking waiting long enough by then, so each test asserts only
 * on its own rows.
 */
const hourMs = 3_600_000
const after = (start: Date, ms: number) => new Date(start.getTime() + ms)

const stateOf = async (id: string) => (await db().select({ state: requests.appointmentState }).from(requests).where(eq(requests.id, id)))[0]!.state
const outboxOf = (id: string) => db().select().from(notifications).where(eq(notifications.requestId, id))
const storeBooking = async (at: Date) => (await storeAt(at, { kind: 'booking', channels: [] })).requestId

/** Runs the hourly cron at `now` and returns the notification ids it enqueued. */
async function hourlyAt(now: Date, overrides: Partial<Env> = {}) {
  const queue = recordingMessages()
  await runCron(crons.hourly, now, { NOTIFY_QUEUE: queue.binding, ...overrides })
  return queue.bodies
}

describe("requests that wait too long expire (hourly, the policies' expiry)", () => {
  it('expires a requested booking 72 hours after it came in, not a moment before', async () => {
    const storedAt = new Date('2020-01-06T20:00:00Z')
    const id = await storeBooking(storedAt)

    expect(await hourlyAt(after(storedAt, 72 * hourMs - 1))).toEqual([])
    expect(await stateOf(id)).toBe('requested')

    const enqueued = await hourlyAt(after(storedAt, 72 * hourMs))
    expect(await stateOf(id)).toBe('expired')
    const [expired] = await outboxOf(id)
    expect(expired).toMatchObject({ channel: 'appointment', topic: 'expired', status: 'pending', appointmentSequence: 0 })
    expect(enqueued).toEqual([{ notificationId: expired!.id, generation: 0 }])
    const history = await db().select().from(requestEvents).where(eq(requestEvents.requestId, id))
    expect(history).toEqual([expect.objectContaining({ action: 'appointment', actor: 'system', detail: 'requested → expired: no answer within 72 hours' })])

    // Once expired it stays so: the next run writes nothing more.
    expect(await hourlyAt(after(storedAt, 73 * hourMs))).toEqual([])
    expect(await outboxOf(id)).toHaveLength(1)
  })

  it('counts a proposed booking from the latest proposal, and follows the expiry saved in the inbox', async () => {
    const storedAt = new Date('2020-02-03T22:00:00Z')
    const id = await storeBooking(storedAt)
    const proposedAt = after(storedAt, 20 * hourMs)
    expect(await applyTransition(db(), { id, guard: transitions.propose, actor: 'practitioner', now: proposedAt })).toBe(true)

    await withSettings(
      'policies',
      (policies) => ({ ...policies, requestExpiryHours: 24 }),
      async () => {
        await hourlyAt(after(storedAt, 24 * hourMs))
        expect(await stateOf(id)).toBe('proposed')
        await hourlyAt(after(proposedAt, 24 * hourMs - 1))
        expect(await stateOf(id)).toBe('proposed')
        await hourlyAt(after(proposedAt, 24 * hourMs))
        expect(await stateOf(id)).toBe('expired')
      },
    )
  })

  it('restarts the wait when the patient asks for other times', async () => {
    const storedAt = new Date('2020-03-02T20:00:00Z')
    const id = await storeBooking(storedAt)
    expect(await applyTransition(db(), { id, guard: transitions.propose, actor: 'practitioner', now: after(storedAt, hourMs) })).toBe(true)
    const askedAt = after(storedAt, 60 * hourMs)
    expect(await applyTransition(db(), { id, guard: transitions.ask, actor: 'patient', now: askedAt })).toBe(true)

    await hourlyAt(after(storedAt, 72 * hourMs))
    expect(await stateOf(id)).toBe('requested')
    await hourlyAt(after(askedAt, 72 * hourMs))
    expect(await stateOf(id)).toBe('expired')
  })

  it('expires nothing once the expiry is saved as 0, the starting REQUEST_EXPIRY_HOURS notwithstanding', async () => {
    const storedAt = new Date('2020-04-06T20:00:00Z')
    const id = await storeBooking(storedAt)
    await withSettings(
      'policies',
      (policies) => ({ ...policies, requestExpiryHours: 0 }),
      async () => {
        expect(await hourlyAt(after(storedAt, 1000 * hourMs), { REQUEST_EXPIRY_HOURS: '72' })).toEqual([])
      },
    )
    expect(await stateOf(id)).toBe('requested')
    expect(await outboxOf(id)).toEqual([])
  })

  it('leaves confirmed, spam and closed bookings alone', async () => {
    const storedAt = new Date('2020-05-04T20:00:00Z')
    const confirmed = await storeBooking(storedAt)
    const start = after(storedAt, 200 * hourMs)
    expect(
      await applyTransition(db(), {
        id: confirmed,
        guard: transitions.confirm,
        actor: 'practitioner',
        now: after(storedAt, hourMs),
        set: { confirmedStart: start, confirmedEnd: after(start, hourMs) },
        bumpSequence: true,
      }),
    ).toBe(true)
    const spam = await storeBooking(storedAt)
    const closed = await storeBooking(storedAt)
    await db().update(requests).set({ status: 'spam' }).where(eq(requests.id, spam))
    await db().update(requests).set({ status: 'closed' }).where(eq(requests.id, closed))

    await hourlyAt(after(storedAt, 100 * hourMs))
    expect([await stateOf(confirmed), await stateOf(spam), await stateOf(closed)]).toEqual(['confirmed', 'requested', 'requested'])
  })

  it('lets a proposal made while the expiry runs win: nothing expires, nothing is sent', async () => {
    const storedAt = new Date('2020-06-01T20:00:00Z')
    const id = await storeBooking(storedAt)
    const now = after(storedAt, 80 * hourMs)
    // The practitioner proposes times after the expiry has listed the booking, just before its batch.
    const DB = wrapBinding(env.DB, {
      batch: async (statements: D1PreparedStatement[]) => {
        await applyTransition(db(), { id, guard: transitions.propose, actor: 'practitioner', now })
        return env.DB.batch(statements)
      },
    })
    const queue = recordingMessages()
    expect(await expireUnansweredRequests({ ...env, DB, NOTIFY_QUEUE: queue.binding }, now)).toEqual([])
    expect(await stateOf(id)).toBe('proposed')
    expect(await outboxOf(id)).toEqual([])
    expect(queue.bodies).toEqual([])
  })
})
