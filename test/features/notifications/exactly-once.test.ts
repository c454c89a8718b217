import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { leaseMs } from '../../../src/features/notifications/consumer'
import { notifications } from '../../../src/features/notifications/store/schema'
import { wrapBinding } from '../../helpers/bindings'
import { contactFields, db } from '../../helpers/forms'
import { deliver, loadRow, recordingEmail, submit } from '../../helpers/notify'

/**
 * The real D1 binding, except that the statement recording a sent notification
 * fails `times` times, as when D1 is unreachable or the Worker dies right after
 * the provider accepted the email.
 */
function d1FailingMarkSent(times: number): D1Database {
  let failures = times
  return wrapBinding(env.DB, {
    prepare: (query: string) => {
      if (query.startsWith('update "notifications"') && query.includes('"sent_at" = ?') && failures-- > 0) {
        throw new Error('D1_ERROR: Network connection lost.')
      }
      return env.DB.prepare(query)
    },
  })
}

/** As if the lease had run out: the time a crashed consumer keeps others waiting. */
const expireLease = (id: string) =>
  db()
    .update(notifications)
    .set({ claimedUntil: new Date(Date.now() - 1) })
    .where(eq(notifications.id, id))

describe('exactly once, and where it is at least once', () => {
  it('two deliveries of the same notification at once send one email: the second waits for the lease', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const email = recordingEmail({ delayMs: 50 })

    const [first, second] = await Promise.all([
      deliver([{ notificationId: id }], { env: { EMAIL: email.binding } }),
      deliver([{ notificationId: id }], { env: { EMAIL: email.binding } }),
    ])
    expect(email.sent).toHaveLength(1)
    const settled = [first, second].map((run) => ({ acked: run.result.explicitAcks.length, delays: run.delays.map((d) => d.delaySeconds) }))
    expect(settled).toContainEqual({ acked: 1, delays: [] })
    expect(settled).toContainEqual({ acked: 0, delays: [leaseMs / 1000] })

    const again = await deliver([{ notificationId: id }], { env: { EMAIL: email.binding }, attempts: 2 })
    expect(again.result.explicitAcks).toEqual(again.ids)
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('duplicates in one batch (a sweep copy beside the original) send once', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const email = recordingEmail({ delayMs: 20 })
    const { result } = await deliver([{ notificationId: id }, { notificationId: id }, { notificationId: id }], { env: { EMAIL: email.binding } })
    expect(email.sent).toHaveLength(1)
    expect(result.explicitAcks).toHaveLength(1)
    expect(result.retryMessages).toHaveLength(2)
  })

  it('a D1 error while recording the send is absorbed by the in-place retry: still one email', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const email = recordingEmail()
    const { result } = await deliver([{ notificationId: id }], { env: { EMAIL: email.binding, DB: d1FailingMarkSent(2) } })
    expect(result.explicitAcks).toHaveLength(1)
    expect(email.sent).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', providerMessageId: email.sent[0]!.messageId })
  })

  it('a crash between the provider accepting and the ledger write is the one window: exactly one more send, after the lease', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const email = recordingEmail()

    // The provider accepts, then recording it fails every time: the consumer gives the message back.
    const crashed = await deliver([{ notificationId: id }], { env: { EMAIL: email.binding, DB: d1FailingMarkSent(Infinity) } })
    expect(crashed.result.explicitAcks).toEqual([])
    expect(crashed.delays).toEqual([{ msgId: crashed.ids[0], delaySeconds: 10 }])
    expect(email.sent).toHaveLength(1)
    const held = await loadRow(id)
    expect(held.status).toBe('pending')
    expect(held.claimedUntil!.getTime()).toBeGreaterThan(Date.now())

    // Redeliveries while the lease holds send nothing.
    const early = await deliver([{ notificationId: id }, { notificationId: id }], { env: { EMAIL: email.binding }, attempts: 2 })
    expect(early.delays.map((d) => d.delaySeconds)).toEqual([leaseMs / 1000, leaseMs / 1000])
    expect(email.sent).toHaveLength(1)

    // Once the lease has run out the ledger still says pending, so the next delivery sends again.
    await expireLease(id)
    const late = await deliver([{ notificationId: id }], { env: { EMAIL: email.binding }, attempts: 3 })
    expect(late.result.explicitAcks).toEqual(late.ids)
    expect(email.sent).toHaveLength(2)

    // From here on every duplicate is acked without a send.
    const duplicates = await deliver([{ notificationId: id }, { notificationId: id }], { env: { EMAIL: email.binding }, attempts: 4 })
    expect(duplicates.result.explicitAcks).toHaveLength(2)
    expect(email.sent).toHaveLength(2)
    const rows = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.requestId, (await loadRow(id)).requestId ?? ''))
    expect(rows.map((row) => [row.channel, row.status]).sort()).toEqual([
      ['email', 'sent'],
      ['patient', 'pending'],
    ])
    expect(rows.find((row) => row.channel === 'email')!.providerMessageId).toBe(email.sent[1]!.messageId)
  })

  it('a provider that accepts but whose answer is lost is retried and sends again (the same window, seen from the provider side)', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const lostAnswer = recordingEmail({ failAfterSend: new Error('Network connection lost') })
    const first = await deliver([{ notificationId: id }], { env: { EMAIL: lostAnswer.binding } })
    expect(first.result.explicitAcks).toEqual([])
    expect(await loadRow(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: Network connection lost' })

    const email = recordingEmail()
    await deliver([{ notificationId: id }], { env: { EMAIL: email.binding }, attempts: 2 })
    expect(lostAnswer.sent.length + email.sent.length).toBe(2)
    expect(await loadRow(id)).toMatchObject({ status: 'sent', attempts: 2 })
  })
})
