import { describe, expect, it } from 'vitest'
import { sweepLimit } from '../../../src/features/notifications/sweep'
import { crons } from '../../../src/worker'
import { recordingQueue } from '../../helpers/bindings'
import { runCron, storeAt } from '../../helpers/notify'

// A file of its own: its storage holds only these rows, so "oldest first" and the limit are exact.
describe('the sweep limit', () => {
  it(`enqueues at most ${sweepLimit} per run, oldest first; the next run takes the rest`, async () => {
    const storedAt = new Date('2022-05-10T12:00:00Z')
    const ids: string[] = []
    for (let index = 0; index < sweepLimit + 5; index++) ids.push(...(await storeAt(new Date(storedAt.getTime() + index))).notificationIds)
    const sweptAt = new Date(storedAt.getTime() + 30 * 60_000)

    const first = recordingQueue()
    await runCron(crons.sweep, sweptAt, { NOTIFY_QUEUE: first.binding })
    expect(first.enqueued).toEqual(ids.slice(0, sweepLimit))

    const second = recordingQueue()
    await runCron(crons.sweep, sweptAt, { NOTIFY_QUEUE: second.binding })
    expect(second.enqueued).toEqual(ids.slice(sweepLimit))
  })
})
