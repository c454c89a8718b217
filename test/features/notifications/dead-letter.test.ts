import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { queueNames } from '../../../src/features/notifications/message'
import { adminPost, signIn } from '../../helpers/admin'
import { wrapBinding } from '../../helpers/bindings'
import { contactFields } from '../../helpers/forms'
import { deliver, failingEmail, loadRow, recordingEmail, recordingMessages, submit } from '../../helpers/notify'

/** The real D1 binding, except that writes to the outbox fail as they do when D1 is unreachable. */
const d1ThatCannotWriteOutbox = (): D1Database =>
  wrapBinding(env.DB, {
    prepare: (query: string) => {
      if (query.startsWith('update "notifications"')) throw new Error('D1_ERROR: Network connection lost.')
      return env.DB.prepare(query)
    },
  })

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

    const stuck = await deliver([{ notificationId: channel('email').id }], { queue: queueNames.deadLetter, env: { DB: d1ThatCannotWriteOutbox() } })
    expect(stuck.result.explicitAcks).toEqual([])
    expect(stuck.delays).toEqual([{ msgId: stuck.ids[0], delaySeconds: 60 }])
    expect(await loadRow(channel('email').id)).toMatchObject({ status: 'pending' })
  })

  it('a dead letter from before a resend leaves the fresh attempt pending; one of the current chain still marks it failed', async () => {
    const { request, channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const down = failingEmail(new Error('Email Service: 503'))
    await deliver([{ notificationId: id }], { env: { EMAIL: down }, attempts: 9 })
    await deliver([{ notificationId: id, generation: 0 }], { queue: queueNames.deadLetter })
    expect(await loadRow(id)).toMatchObject({ status: 'failed', generation: 0 })

    // The practitioner resends: a new delivery chain, and its message says so.
    const queue = recordingMessages()
    const session = await signIn()
    expect((await adminPost(session, `/admin/requests/${request.id}/notifications/${id}/resend`, {}, { NOTIFY_QUEUE: queue.binding })).status).toBe(303)
    expect(queue.bodies).toEqual([{ notificationId: id, generation: 1 }])
    expect(await loadRow(id)).toMatchObject({ status: 'pending', generation: 1 })

    // Late letters of the old chain, with its number or from before chains were numbered, change nothing.
    const late = await deliver([{ notificationId: id, generation: 0 }, { notificationId: id }], { queue: queueNames.deadLetter })
    expect(late.result.explicitAcks.sort()).toEqual([...late.ids].sort())
    expect(await loadRow(id)).toMatchObject({ status: 'pending', generation: 1, lastError: 'gave up after the queue retries | Error: Email Service: 503' })

    // The new chain's own dead letter still marks it failed.
    await deliver(queue.bodies, { env: { EMAIL: down }, attempts: 9 })
    const current = await deliver(queue.bodies, { queue: queueNames.deadLetter })
    expect(current.result.explicitAcks).toEqual(current.ids)
    expect(await loadRow(id)).toMatchObject({ status: 'failed', generation: 1 })
  })

  it('the main queue acks a message of an older chain without sending; the current chain sends', async () => {
    const { request, channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const first = recordingEmail()
    await deliver([{ notificationId: id }], { env: { EMAIL: first.binding } })
    expect(await loadRow(id)).toMatchObject({ status: 'sent', generation: 0 })
    const session = await signIn()
    expect(
      (await adminPost(session, `/admin/requests/${request.id}/notifications/${id}/resend`, {}, { NOTIFY_QUEUE: recordingMessages().binding })).status,
    ).toBe(303)

    const email = recordingEmail()
    const stale = await deliver([{ notificationId: id }, { notificationId: id, generation: 0 }], { env: { EMAIL: email.binding }, attempts: 3 })
    expect(stale.result.explicitAcks.sort()).toEqual([...stale.ids].sort())
    expect(email.sent).toEqual([])
    expect(await loadRow(id)).toMatchObject({ status: 'pending', generation: 1, claimedUntil: null })

    const fresh = await deliver([{ notificationId: id, generation: 1 }], { env: { EMAIL: email.binding } })
    expect(fresh.result.explicitAcks).toEqual(fresh.ids)
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', generation: 1 })
  })

  it('a batch from a queue this Worker does not know is not acked', async () => {
    await expect(deliver([{ notificationId: crypto.randomUUID() }], { queue: 'some-other-queue' })).rejects.toThrow('no consumer for queue "some-other-queue"')
  })
})
