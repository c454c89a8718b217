import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { deliver, loadRow, recordingEmail, recordingMessages, runCron } from '../../helpers/notify'
import { confirmedBooking } from '../../helpers/reminders'

/*
 * The quiet hours (QUIET_HOURS, 21:00-08:00 in the clinic's zone) hold for
 * every reminder, however it reached the cron or the queue: a row planned off
 * the cron's grid (by an older copy of the site), a queue retry that lands in
 * them, a resend. Each test has days of its own, in the past, so a run at a
 * fixed time sees its own reminders and asserts only on its own ids.
 */
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const hourMs = 3_600_000

async function dispatchAt(now: Date, ids: string[]) {
  const queue = recordingMessages()
  await runCron(crons.sweep, now, { NOTIFY_QUEUE: queue.binding })
  return queue.bodies.filter((body) => ids.includes(body.notificationId)).map((body) => body.notificationId)
}

describe('reminders and the quiet hours', () => {
  it('a reminder due at 20:57 is not handed over by the 21:00 run, but by the first run once the quiet hours end', async () => {
    const start = at('2022-03-09', '10:00')
    const { reminders } = await confirmedBooking({ storedAt: at('2022-03-01', '12:00'), start, reminders: [at('2022-03-08', '20:57')] })
    const id = reminders[0]!.id
    expect(await dispatchAt(at('2022-03-08', '21:00'), [id])).toEqual([])
    expect(await dispatchAt(at('2022-03-09', '07:55'), [id])).toEqual([])
    expect(await dispatchAt(at('2022-03-09', '08:00'), [id])).toEqual([id])
  })

  it('still hands over in the quiet hours the reminder of an appointment that starts before they end', async () => {
    const start = at('2022-04-09', '07:30')
    const { reminders } = await confirmedBooking({ storedAt: at('2022-04-08', '20:00'), start, reminders: [at('2022-04-08', '22:00')] })
    expect(await dispatchAt(at('2022-04-08', '22:00'), [reminders[0]!.id])).toEqual([reminders[0]!.id])
  })

  it('a reminder reaching the consumer in the quiet hours is not sent but handed back to the cron, which dispatches it as they end', async () => {
    const start = at('2022-05-11', '10:00')
    const { reminders } = await confirmedBooking({ storedAt: at('2022-05-01', '12:00'), start, reminders: [at('2022-05-10', '20:55')] })
    const id = reminders[0]!.id
    expect(await dispatchAt(at('2022-05-10', '20:55'), [id])).toEqual([id])
    // A first try failed; the queue's retry comes back at 21:05.
    const email = recordingEmail()
    const { result } = await deliver([{ notificationId: id, generation: 0 }], {
      env: { EMAIL: email.binding },
      consumer: { now: () => at('2022-05-10', '21:05') },
    })
    expect(email.sent).toEqual([])
    expect(result.explicitAcks).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'pending', updatedAt: null, claimedUntil: null, attempts: 0 })
    expect(await dispatchAt(at('2022-05-10', '23:00'), [id])).toEqual([])
    expect(await dispatchAt(at('2022-05-11', '08:00'), [id])).toEqual([id])
    expect(start.getTime() - at('2022-05-11', '08:00').getTime()).toBe(2 * hourMs)
  })
})
