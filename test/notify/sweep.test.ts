import { describe, expect, it } from 'vitest'
import { storeRequest } from '../../src/db/requests'
import { crons } from '../../src/index'
import { retryLostAfterMs, sweepLimit, unsentAfterMs } from '../../src/notify/sweep'
import { contactFields, db } from '../helpers/forms'
import { recordingQueue } from '../helpers/bindings'
import { deliver, failingEmail, loadRow, recordingEmail, runCron, submit } from '../helpers/notify'

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000)

describe('the sweep (every five minutes)', () => {
  it('re-enqueues a pending notification whose queue send was lost, and not one already sent', async () => {
    // Tests point the producer at a queue nobody consumes: every POST's message is "lost".
    const lost = (await submit('/contact', await contactFields())).channel('email')
    const sent = (await submit('/contact', await contactFields())).channel('email')
    await deliver([{ notificationId: sent.id }], { env: { EMAIL: recordingEmail().binding } })

    const tooSoon = recordingQueue()
    await runCron(crons.sweep, minutesFromNow(1), { NOTIFY_QUEUE: tooSoon.binding })
    expect(tooSoon.enqueued).not.toContain(lost.id)

    const queue = recordingQueue()
    await runCron(crons.sweep, new Date(Date.now() + unsentAfterMs + 60_000), { NOTIFY_QUEUE: queue.binding })
    expect(queue.enqueued).toContain(lost.id)
    expect(queue.enqueued).not.toContain(sent.id)

    // The re-enqueued message is an ordinary one: the consumer sends it.
    const email = recordingEmail()
    await deliver([{ notificationId: lost.id }], { env: { EMAIL: email.binding } })
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(lost.id)).toMatchObject({ status: 'sent' })
  })

  it('does not enqueue the same row again on the next run while its message is in the queue', async () => {
    const lost = (await submit('/contact', await contactFields())).channel('email')
    const at = new Date(Date.now() + unsentAfterMs + 60_000)
    const first = recordingQueue()
    await runCron(crons.sweep, at, { NOTIFY_QUEUE: first.binding })
    expect(first.enqueued).toContain(lost.id)

    const next = recordingQueue()
    await runCron(crons.sweep, new Date(at.getTime() + 60_000), { NOTIFY_QUEUE: next.binding })
    expect(next.enqueued).not.toContain(lost.id)
    const later = recordingQueue()
    await runCron(crons.sweep, new Date(at.getTime() + unsentAfterMs + 60_000), { NOTIFY_QUEUE: later.binding })
    expect(later.enqueued).toContain(lost.id)
  })

  it('leaves a notification waiting for its retry to the queue, until that retry is overdue', async () => {
    const retrying = (await submit('/contact', await contactFields())).channel('email')
    await deliver([{ notificationId: retrying.id }], { env: { EMAIL: failingEmail(new Error('503')) } })
    expect(await loadRow(retrying.id)).toMatchObject({ status: 'pending', attempts: 1 })

    const waiting = recordingQueue()
    await runCron(crons.sweep, new Date(Date.now() + unsentAfterMs + 60_000), { NOTIFY_QUEUE: waiting.binding })
    expect(waiting.enqueued).not.toContain(retrying.id)

    const overdue = recordingQueue()
    await runCron(crons.sweep, new Date(Date.now() + retryLostAfterMs + 60_000), { NOTIFY_QUEUE: overdue.binding })
    expect(overdue.enqueued).toContain(retrying.id)
  })

  it(`enqueues at most ${sweepLimit} per run, oldest first; the next run takes the rest`, async () => {
    const storedAt = minutesFromNow(-30)
    const ids: string[] = []
    for (let index = 0; index < sweepLimit + 5; index++) {
      const stored = await storeRequest(db(), {
        request: { kind: 'contact', name: 'Bulk Patient', email: `bulk.${index}.${Date.now()}@example.org`, message: 'A question' },
        preferredTimes: [],
        channels: ['email'],
        dedupeKey: crypto.randomUUID(),
        now: new Date(storedAt.getTime() + index),
      })
      if (stored.duplicate) throw new Error('unexpected duplicate')
      ids.push(...stored.notificationIds)
    }
    const first = recordingQueue()
    await runCron(crons.sweep, new Date(), { NOTIFY_QUEUE: first.binding })
    expect(first.enqueued).toHaveLength(sweepLimit)
    expect(first.enqueued).toEqual(ids.slice(0, sweepLimit))

    const second = recordingQueue()
    await runCron(crons.sweep, new Date(), { NOTIFY_QUEUE: second.binding })
    expect(second.enqueued).toEqual(ids.slice(sweepLimit))
  })
})
