import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { sweepPendingNotifications, unsentAfterMs } from '../../../src/features/notifications/sweep'
import { crons } from '../../../src/worker'
import { wrapBinding } from '../../helpers/bindings'
import { recordingMessages, runCron } from '../../helpers/notify'
import { confirmedBooking } from '../../helpers/reminders'

/*
 * Each test places its appointments on days of its own in the past: a cron run
 * at a fixed `now` hands over every reminder due by then, so each test asserts
 * only on its own ids, and reminders of tests that run later are not yet written.
 */
const minutes = (count: number) => count * 60_000
const after = (start: Date, ms: number) => new Date(start.getTime() + ms)
const days = (count: number) => count * 24 * 60 * minutes(1)

/** Runs the five-minute cron at `now` and returns the bodies it enqueued for `ids`. */
async function dispatchAt(now: Date, ids: string[]) {
  const queue = recordingMessages()
  await runCron(crons.sweep, now, { NOTIFY_QUEUE: queue.binding })
  return queue.bodies.filter((body) => ids.includes(body.notificationId))
}

describe('dispatching due reminders (every five minutes)', () => {
  it('hands a reminder to the queue once it is due, with its delivery chain, and only once', async () => {
    const start = new Date('2021-01-12T17:00:00Z')
    const due = new Date('2021-01-11T17:00:00Z')
    const { reminders } = await confirmedBooking({ storedAt: after(start, -days(5)), start, reminders: [due] })
    const id = reminders[0]!.id

    expect(await dispatchAt(after(due, -1), [id])).toEqual([])
    expect(await dispatchAt(due, [id])).toEqual([{ notificationId: id, generation: 0 }])
    // A run soon after leaves it to the queue; only a message unconsumed for as long as the sweep waits counts as lost.
    expect(await dispatchAt(after(due, minutes(1)), [id])).toEqual([])
    expect(await dispatchAt(after(due, unsentAfterMs), [id])).toEqual([])
  })

  it('leaves reminders out of the sweep, so the sweep never enqueues one as well', async () => {
    const start = new Date('2021-02-12T17:00:00Z')
    const due = new Date('2021-02-11T17:00:00Z')
    const { reminders } = await confirmedBooking({ storedAt: after(start, -days(5)), start, reminders: [due] })
    const queue = recordingMessages()
    // Stored days ago, never attempted and due: everything the sweep looks for, but a reminder.
    await sweepPendingNotifications({ ...env, NOTIFY_QUEUE: queue.binding }, after(due, unsentAfterMs + minutes(1)))
    expect(queue.bodies.map((body) => body.notificationId)).not.toContain(reminders[0]!.id)
  })

  it('enqueues each due reminder once when two cron runs overlap', async () => {
    const start = new Date('2021-03-12T17:00:00Z')
    const due = new Date('2021-03-11T17:00:00Z')
    const bookings = await Promise.all(
      [0, 1, 2, 3].map((offset) =>
        confirmedBooking({
          storedAt: after(start, -days(5)),
          start: after(start, minutes(offset)),
          reminders: [after(due, minutes(offset)), after(due, -minutes(offset))],
        }),
      ),
    )
    const ids = bookings.flatMap((booking) => booking.reminders.map((row) => row.id))
    expect(ids).toHaveLength(8)
    const now = after(due, minutes(20))
    const [first, second] = [recordingMessages(), recordingMessages()]
    await Promise.all([runCron(crons.sweep, now, { NOTIFY_QUEUE: first.binding }), runCron(crons.sweep, now, { NOTIFY_QUEUE: second.binding })])
    const enqueued = [...first.bodies, ...second.bodies].map((body) => body.notificationId).filter((id) => ids.includes(id))
    expect(enqueued.sort()).toEqual([...ids].sort())
  })

  it('hands a reminder over again when the queue refused it, once the claim is old enough', async () => {
    const start = new Date('2021-04-12T17:00:00Z')
    const due = new Date('2021-04-11T17:00:00Z')
    const { reminders } = await confirmedBooking({ storedAt: after(start, -days(5)), start, reminders: [due] })
    const id = reminders[0]!.id
    const refusing = wrapBinding(env.NOTIFY_QUEUE, { sendBatch: () => Promise.reject(new Error('Queue send failed')) })
    // Other jobs of the run may hand something to the refusing queue too: the run then fails with all their errors.
    const failure = await runCron(crons.sweep, due, { NOTIFY_QUEUE: refusing }).then(
      () => undefined,
      (error: unknown) => error,
    )
    const failures = failure instanceof AggregateError ? failure.errors : [failure]
    expect(failures.map(String).some((message) => message.includes('Queue send failed'))).toBe(true)

    expect(await dispatchAt(after(due, minutes(1)), [id])).toEqual([])
    expect(await dispatchAt(after(due, unsentAfterMs + minutes(1)), [id])).toEqual([{ notificationId: id, generation: 0 }])
  })
})
