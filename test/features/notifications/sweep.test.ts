import { describe, expect, it } from 'vitest'
import { requeueNotification } from '../../../src/features/bookings/store/triage'
import { retryLostAfterMs, unsentAfterMs } from '../../../src/features/notifications/sweep'
import { crons } from '../../../src/worker'
import { recordingQueue } from '../../helpers/bindings'
import { db } from '../../helpers/forms'
import { deliver, failingEmail, loadRow, recordingEmail, recordingMessages, runCron, storeAt } from '../../helpers/notify'

/*
 * Each test stores its rows at a time of its own, in the past: a sweep looks only
 * at rows touched before it, so rows that other tests store later (or at the
 * real time) are never in its way, and each test asserts only on its own ids.
 */
const minutes = (count: number) => count * 60_000
const after = (start: Date, ms: number) => new Date(start.getTime() + ms)
const deliverAt = (now: Date, id: string, binding: SendEmail) =>
  deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL: binding }, consumer: { now: () => now } })

describe('the sweep (every five minutes)', () => {
  it('re-enqueues a pending notification whose queue send was lost, and not one already sent', async () => {
    const storedAt = new Date('2022-01-10T12:00:00Z')
    // Tests point the producer at a queue nobody consumes: every stored row's message is "lost".
    const [lost] = (await storeAt(storedAt)).notificationIds
    const [sent] = (await storeAt(storedAt)).notificationIds
    await deliverAt(after(storedAt, 10_000), sent!, recordingEmail().binding)

    const tooSoon = recordingQueue()
    await runCron(crons.sweep, after(storedAt, minutes(1)), { NOTIFY_QUEUE: tooSoon.binding })
    expect(tooSoon.enqueued).not.toContain(lost)

    const queue = recordingQueue()
    await runCron(crons.sweep, after(storedAt, unsentAfterMs + minutes(1)), { NOTIFY_QUEUE: queue.binding })
    expect(queue.enqueued).toContain(lost)
    expect(queue.enqueued).not.toContain(sent)

    // The re-enqueued message is an ordinary one: the consumer sends it.
    const email = recordingEmail()
    await deliver([{ notificationId: lost }], { env: { EMAIL: email.binding } })
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(lost!)).toMatchObject({ status: 'sent' })
  })

  it('does not enqueue the same row again on the next run while its message is in the queue', async () => {
    const storedAt = new Date('2022-02-10T12:00:00Z')
    const [lost] = (await storeAt(storedAt)).notificationIds
    const at = after(storedAt, unsentAfterMs + minutes(1))
    const first = recordingQueue()
    await runCron(crons.sweep, at, { NOTIFY_QUEUE: first.binding })
    expect(first.enqueued).toContain(lost)

    const next = recordingQueue()
    await runCron(crons.sweep, after(at, minutes(1)), { NOTIFY_QUEUE: next.binding })
    expect(next.enqueued).not.toContain(lost)
    const later = recordingQueue()
    await runCron(crons.sweep, after(at, unsentAfterMs + minutes(1)), { NOTIFY_QUEUE: later.binding })
    expect(later.enqueued).toContain(lost)
  })

  it('leaves a notification waiting for its retry to the queue, until that retry is overdue', async () => {
    const storedAt = new Date('2022-03-10T12:00:00Z')
    const [retrying] = (await storeAt(storedAt)).notificationIds
    const triedAt = after(storedAt, 10_000)
    await deliverAt(triedAt, retrying!, failingEmail(new Error('503')))
    expect(await loadRow(retrying!)).toMatchObject({ status: 'pending', attempts: 1, updatedAt: triedAt })

    const waiting = recordingQueue()
    await runCron(crons.sweep, after(triedAt, unsentAfterMs + minutes(1)), { NOTIFY_QUEUE: waiting.binding })
    expect(waiting.enqueued).not.toContain(retrying)

    const overdue = recordingQueue()
    await runCron(crons.sweep, after(triedAt, retryLostAfterMs + minutes(1)), { NOTIFY_QUEUE: overdue.binding })
    expect(overdue.enqueued).toContain(retrying)
  })

  it('enqueues the delivery chain the row is on now, after a resend', async () => {
    const storedAt = new Date('2022-04-10T12:00:00Z')
    const { requestId, notificationIds } = await storeAt(storedAt)
    const id = notificationIds[0]!
    await deliverAt(after(storedAt, 10_000), id, recordingEmail().binding)
    const resentAt = after(storedAt, minutes(1))
    expect(await requeueNotification(db(), { requestId, notificationId: id, actor: 'practitioner', now: resentAt })).toBe(1)

    // The resend's own message was lost too: the sweep sends one for chain 1, never for chain 0.
    const queue = recordingMessages()
    await runCron(crons.sweep, after(resentAt, retryLostAfterMs + minutes(1)), { NOTIFY_QUEUE: queue.binding })
    expect(queue.bodies.filter((body) => body.notificationId === id)).toEqual([{ notificationId: id, generation: 1 }])
  })
})
