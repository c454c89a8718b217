import { describe, expect, it } from 'vitest'
import { queueNames } from '../../src/notify/message'
import { contactFields } from '../helpers/forms'
import { deliver, failingEmail, loadRow, recordingEmail, submit } from '../helpers/notify'

const unreachable = { prepare: () => { throw new Error('D1_ERROR: Network connection lost.') } } as unknown as D1Database

describe('the dead-letter queue', () => {
  it('a notification that fails every retry ends failed, with the last error kept', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const down = failingEmail(new Error('Email Service: destination address not verified'))

    // The last delivery the queue allows (max_retries = 8): it is retried once more, which the
    // queue turns into a move to the dead-letter queue.
    const last = await deliver([{ notificationId: id }], { env: { EMAIL: down }, attempts: 9 })
    expect(last.result.explicitAcks).toEqual([])
    expect(last.result.retryMessages).toEqual([{ msgId: last.ids[0] }])
    expect(await loadRow(id)).toMatchObject({ status: 'pending', attempts: 1 })

    const dead = await deliver([{ notificationId: id }], { queue: queueNames.deadLetter })
    expect(dead.result.explicitAcks).toEqual(dead.ids)
    expect(await loadRow(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'gave up after the queue retries | Error: Email Service: destination address not verified',
      sentAt: null,
    })

    // A late redelivery on the main queue does not resurrect it; a resend from the inbox does that.
    const email = recordingEmail()
    const late = await deliver([{ notificationId: id }], { env: { EMAIL: email.binding } })
    expect(late.result.explicitAcks).toEqual(late.ids)
    expect(email.sent).toEqual([])
  })

  it('a dead letter for a notification that was sent in the meantime leaves it sent', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    await deliver([{ notificationId: id }], { env: { EMAIL: recordingEmail().binding } })
    const dead = await deliver([{ notificationId: id }], { queue: queueNames.deadLetter })
    expect(dead.result.explicitAcks).toEqual(dead.ids)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', lastError: null })
  })

  it('acks a malformed dead letter and retries one it cannot record', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const malformed = await deliver([{ id: 'nope' }], { queue: queueNames.deadLetter })
    expect(malformed.result.explicitAcks).toEqual(malformed.ids)

    const stuck = await deliver([{ notificationId: channel('email').id }], { queue: queueNames.deadLetter, env: { DB: unreachable } })
    expect(stuck.result.explicitAcks).toEqual([])
    expect(stuck.delays).toEqual([{ msgId: stuck.ids[0], delaySeconds: 60 }])
    expect(await loadRow(channel('email').id)).toMatchObject({ status: 'pending' })
  })

  it('a batch from a queue this Worker does not know is not acked', async () => {
    await expect(deliver([{ notificationId: crypto.randomUUID() }], { queue: 'some-other-queue' })).rejects.toThrow('no consumer for queue "some-other-queue"')
  })
})
