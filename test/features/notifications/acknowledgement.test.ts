import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice, writeAcknowledgement } from '../../../src/config'
import { formatPreferred } from '../../../src/features/bookings/messages/appointment-texts'
import { preferredTimes } from '../../../src/features/bookings/store/schema'
import { formatInstantWithZone } from '../../../src/features/notifications/format'
import { acknowledgementLog } from '../../../src/features/notifications/store/schema'
import { currentSettings } from '../../../src/features/settings/current'
import { zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { backPainByRequest, requestFields } from '../../helpers/book'
import { contactFields, db, uniqueEmail } from '../../helpers/forms'
import { request as openPage } from '../../helpers/http'
import { deliver, failingEmail, loadRow, recordingEmail, runCron, submit } from '../../helpers/notify'

const ackOn = { ACK_PATIENT: 'true' } satisfies Partial<Env>
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)

/** A contact request from `email` with the acknowledgement on; each call sends a different message. */
let messageCounter = 0
const requestFrom = async (email: string) => submit('/contact', await contactFields({ email, message: `Question number ${++messageCounter}` }), ackOn)

/** Delivers notifications with the consumer's clock at `now`, through `email` (a recorder by default). */
const deliverAt = (now: Date, ids: string[], binding: SendEmail = recordingEmail().binding) =>
  deliver(
    ids.map((notificationId) => ({ notificationId, generation: 0 })),
    { env: { ...ackOn, EMAIL: binding }, consumer: { now: () => now } },
  )

describe('one acknowledgement per address per clinic day', () => {
  it('a second request from the same address on the same clinic day is skipped; the practitioner still hears of both', async () => {
    const address = uniqueEmail('twice')
    const first = await requestFrom(address)
    const second = await requestFrom(address)
    // 00:30 and 23:30 on one clinic day fall on two different UTC dates.
    const email = recordingEmail()
    const early = await deliverAt(at('2031-05-06', '00:30'), [first.channel('patient').id, first.channel('email').id], email.binding)
    const late = await deliverAt(at('2031-05-06', '23:30'), [second.channel('patient').id, second.channel('email').id], email.binding)

    expect([...early.result.explicitAcks, ...late.result.explicitAcks].sort()).toEqual([...early.ids, ...late.ids].sort())
    expect(email.sent.filter((message) => message.to === address)).toHaveLength(1)
    expect(email.sent.filter((message) => message.to === env.NOTIFY_TO)).toHaveLength(2)
    expect(await loadRow(first.channel('patient').id)).toMatchObject({ status: 'sent' })
    expect(await loadRow(second.channel('patient').id)).toMatchObject({
      status: 'skipped',
      attempts: 0,
      lastError: 'the patient was already acknowledged today',
      sentAt: null,
      claimedUntil: null,
    })
    expect(await loadRow(second.channel('email').id)).toMatchObject({ status: 'sent' })
  })

  it('the next clinic day the same address is acknowledged again', async () => {
    const address = uniqueEmail('nextday')
    const first = await requestFrom(address)
    const second = await requestFrom(address)
    // 23:30 and 00:30 the next clinic day fall on the same UTC date.
    const email = recordingEmail()
    await deliverAt(at('2031-06-10', '23:30'), [first.channel('patient').id], email.binding)
    await deliverAt(at('2031-06-11', '00:30'), [second.channel('patient').id], email.binding)
    expect(email.sent.map((message) => message.to)).toEqual([address, address])
    expect(await loadRow(second.channel('patient').id)).toMatchObject({ status: 'sent' })
  })

  it('the notification that claimed the day may still retry its own send', async () => {
    const address = uniqueEmail('retry')
    const first = await requestFrom(address)
    const second = await requestFrom(address)
    const day = '2031-07-14'
    const refused = await deliverAt(at(day, '09:00'), [first.channel('patient').id], failingEmail(new Error('Email Service: 503')))
    expect(refused.result.retryMessages).toEqual([{ msgId: refused.ids[0] }])
    await deliverAt(at(day, '09:01'), [second.channel('patient').id])
    expect(await loadRow(second.channel('patient').id)).toMatchObject({ status: 'skipped' })

    const email = recordingEmail()
    await deliverAt(at(day, '09:02'), [first.channel('patient').id], email.binding)
    expect(email.sent.map((message) => message.to)).toEqual([address])
    expect(await loadRow(first.channel('patient').id)).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('keeps only a keyed hash of the address and the day, forgotten by the hourly run after two days', async () => {
    const address = uniqueEmail('hash')
    const { channel } = await requestFrom(address)
    await deliverAt(at('2031-08-01', '10:00'), [channel('patient').id])
    const [claim] = await db()
      .select()
      .from(acknowledgementLog)
      .where(eq(acknowledgementLog.notificationId, channel('patient').id))
    expect(claim!.key).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(claim)).not.toContain(address.split('@')[0])

    // In the past, so no other test's claim is old enough to go.
    const now = new Date('2021-08-01T19:00:00Z')
    const dayMs = 24 * 60 * 60 * 1000
    const old = `old-${crypto.randomUUID()}`
    const recent = `recent-${crypto.randomUUID()}`
    await db()
      .insert(acknowledgementLog)
      .values([
        { key: old, notificationId: crypto.randomUUID(), createdAt: new Date(now.getTime() - 2 * dayMs - 60_000) },
        { key: recent, notificationId: crypto.randomUUID(), createdAt: new Date(now.getTime() - 2 * dayMs + 60_000) },
      ])
    await runCron(crons.hourly, now, { EMAIL: recordingEmail().binding })
    const left = await db()
      .select({ key: acknowledgementLog.key })
      .from(acknowledgementLog)
      .where(inArray(acknowledgementLog.key, [old, recent]))
    expect(left).toEqual([{ key: recent }])
  })
})

describe('the practitioner’s own notifications', () => {
  it('are never limited, however many requests one address sends', async () => {
    const address = uniqueEmail('many')
    const requests = [await requestFrom(address), await requestFrom(address), await requestFrom(address)]
    const email = recordingEmail()
    await deliverAt(
      at('2031-09-01', '12:00'),
      requests.map((request) => request.channel('email').id),
      email.binding,
    )
    expect(email.sent.filter((message) => message.to === env.NOTIFY_TO)).toHaveLength(3)
  })
})

describe('the acknowledgement is on by default', () => {
  it('goes out when ACK_PATIENT is not set, and not when it is "false"', async () => {
    const unset = await submit('/contact', await contactFields({ email: uniqueEmail('ack-unset') }), { ACK_PATIENT: undefined })
    expect(unset.outbox.map((row) => row.channel).sort()).toEqual(['email', 'patient'])
    const off = await submit('/contact', await contactFields({ email: uniqueEmail('ack-off') }), { ACK_PATIENT: 'false' })
    expect(off.outbox.map((row) => row.channel)).toEqual(['email'])
  })

  it('says what was asked for (the times, no health detail), what happens next and when, the reference, and links to the patient’s page', async () => {
    const fields = await requestFields({ name: 'Quinn Ackland', notes: 'Sharp pain after running' })
    const { reference, request, channel } = await backPainByRequest(() => submit('/book', fields))
    const email = recordingEmail()
    await deliverAt(at('2071-02-03', '09:00'), [channel('patient').id], email.binding)
    const [sent] = email.sent
    expect(sent!.subject).toBe(`We received your booking request ${reference}`)
    const text = String(sent!.text)
    const times = (await db().select().from(preferredTimes).where(eq(preferredTimes.requestId, request.id)).orderBy(preferredTimes.position)).map(
      formatPreferred,
    )
    expect(text).toContain(
      `You asked for: A booking request\n${times.length > 1 ? 'Your times' : 'Your time'}:\n  ${times.join('\n  ')}\nReference: ${reference}`,
    )
    expect(text).toContain(writeAcknowledgement('booking', currentSettings()))
    const expires = new Date(request.createdAt.getTime() + currentSettings().policy.expiryHours * 3_600_000)
    expect(text).toContain(`If we have not answered by ${formatInstantWithZone(expires)}, the request expires`)
    for (const part of [sent!.subject, text, String(sent!.html)]) expect(part).not.toMatch(/Quinn|Ackland|Sharp pain|running|back pain/i)
    const link = /See your request: (https:\/\/clinic\.example\.com\/manage\/[0-9a-f]{32})\n/.exec(text)?.[1]
    expect((await openPage(new URL(link!).pathname)).status).toBe(200)
  })
})
