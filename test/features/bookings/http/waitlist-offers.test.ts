import { env } from 'cloudflare:workers'
import { and, eq, gte, inArray, lt } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { crons } from '../../../../src/worker'
import { wrapBinding } from '../../../helpers/bindings'
import { db } from '../../../helpers/forms'
import { deliver, failingEmail, loadRow, recordingEmail, recordingMessages, runCron } from '../../../helpers/notify'
import { withSettings } from '../../../helpers/settings'
import { at, fiveMinuteRun, holdTime, join, minutes, offersOf, release } from './waitlist-clinic'

/*
 * Each test has its own Wednesday in 2047 and patients waiting for its
 * mornings. A back-pain session lasts an hour, starts every 30 minutes: an
 * appointment at 10:00 holds the starts 09:30, 10:00 and 10:30.
 */
const heldStarts = (wednesday: string) => [at(wednesday, '09:30'), at(wednesday, '10:00'), at(wednesday, '10:30')]

/** Joins while 10:00 to 11:00 is booked, so the three starts it holds are not free when the patient joins. */
async function waitingWhileBooked(wednesday: string, joinedAt: Date) {
  const booked = await holdTime(at(wednesday, '10:00'), minutes(joinedAt, -60))
  const { entry, token } = await join(joinedAt, wednesday)
  return { booked, entry, token }
}

const outboxIds = async (ids: readonly (string | null)[]) =>
  db()
    .select()
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        ids.flatMap((id) => (id ? [id] : [])),
      ),
    )

/** Offer emails written into the outbox between two instants (each test has its own days). */
const offerRowsWritten = (from: Date, until: Date) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.topic, 'waitlist-offer'), gte(notifications.createdAt, from), lt(notifications.createdAt, until)))

describe('the five-minute cron offers freed times to waiting patients', () => {
  it('offers a freed time once it has stayed free 15 minutes, not before, and only once', async () => {
    const wednesday = '2047-06-12'
    const joinedAt = at('2047-06-03', '10:00')
    const { booked, entry } = await waitingWhileBooked(wednesday, joinedAt)
    // The starts free when they joined are known to them; only the three booked ones can be news.
    expect(entry.knownFree).toEqual([at(wednesday, '09:00'), at(wednesday, '11:00'), at(wednesday, '11:30')].map((start) => start.getTime()))
    const cancelledAt = at('2047-06-03', '11:02')
    await release(booked, cancelledAt)
    const messages = recordingMessages()
    await fiveMinuteRun(at('2047-06-03', '11:05'), messages.binding)
    const seen = await offersOf(entry.id)
    expect(seen.map((offer) => [offer.start, offer.firstSeenAt, offer.sendAfter, offer.sentAt])).toEqual(
      heldStarts(wednesday).map((start) => [start, at('2047-06-03', '11:05'), at('2047-06-03', '11:20'), null]),
    )
    await fiveMinuteRun(at('2047-06-03', '11:15'), messages.binding)
    expect((await offersOf(entry.id)).filter((offer) => offer.sentAt)).toEqual([])
    await fiveMinuteRun(at('2047-06-03', '11:20'), messages.binding)
    const sent = await offersOf(entry.id)
    expect(sent.map((offer) => offer.sentAt)).toEqual(heldStarts(wednesday).map(() => at('2047-06-03', '11:20')))
    const outbox = await outboxIds(sent.map((offer) => offer.notificationId))
    expect(outbox.map((row) => [row.channel, row.topic, row.requestId, row.status])).toEqual(
      heldStarts(wednesday).map(() => ['waitlist', 'waitlist-offer', null, 'pending']),
    )
    const offered = new Set(outbox.map((row) => row.id))
    expect(messages.bodies.filter((body) => offered.has(body.notificationId))).toHaveLength(3)
    await fiveMinuteRun(at('2047-06-03', '11:25'), messages.binding)
    await fiveMinuteRun(at('2047-06-03', '11:30'), messages.binding)
    // No second offer: the same three records and outbox rows (the sweep may hand an unsent row to the queue again).
    expect((await offersOf(entry.id)).map((offer) => [offer.notificationId, offer.sentAt])).toEqual(sent.map((offer) => [offer.notificationId, offer.sentAt]))
    expect(await offerRowsWritten(at('2047-06-03', '11:00'), at('2047-06-03', '12:00'))).toHaveLength(3)

    const email = recordingEmail()
    await deliver([{ notificationId: sent[1]!.notificationId, generation: 0 }], {
      env: { EMAIL: email.binding },
      consumer: { now: () => at('2047-06-03', '11:20') },
    })
    const text = String(email.sent[0]!.text)
    expect(email.sent[0]!.subject).toBe('A time has come free at Example Acupuncture Clinic')
    expect(text).toContain('A time you could come has come free: Wednesday, June 12, 2047 at 10:00 AM Pacific Time.')
    expect(text).toMatch(/Your waitlist page: https:\/\/[^\s]+\/waitlist\/[0-9a-f]{32}\n/)
    expect(text).not.toContain('America/Los_Angeles')
  })

  it('sends nothing when the time is taken again within the 15 minutes', async () => {
    const wednesday = '2047-06-19'
    const joinedAt = at('2047-06-10', '10:00')
    const { booked, entry } = await waitingWhileBooked(wednesday, joinedAt)
    await release(booked, at('2047-06-10', '11:02'))
    const messages = recordingMessages()
    await fiveMinuteRun(at('2047-06-10', '11:05'), messages.binding)
    expect(await offersOf(entry.id)).toHaveLength(3)
    await holdTime(at(wednesday, '10:00'), at('2047-06-10', '11:10'))
    await fiveMinuteRun(at('2047-06-10', '11:20'), messages.binding)
    await fiveMinuteRun(at('2047-06-10', '11:40'), messages.binding)
    expect(await offersOf(entry.id)).toEqual([])
    expect(await offerRowsWritten(at('2047-06-10', '00:00'), at('2047-06-11', '00:00'))).toEqual([])
  })

  it('holds a settled offer through the quiet hours and sends it when they end', async () => {
    const wednesday = '2047-06-26'
    const joinedAt = at('2047-06-17', '10:00')
    const { booked, entry } = await waitingWhileBooked(wednesday, joinedAt)
    await release(booked, at('2047-06-17', '20:48'))
    const messages = recordingMessages()
    await fiveMinuteRun(at('2047-06-17', '20:50'), messages.binding)
    // Settled at 21:05, when the quiet hours (21:00 to 08:00) have begun.
    await fiveMinuteRun(at('2047-06-17', '21:05'), messages.binding)
    await fiveMinuteRun(at('2047-06-18', '07:55'), messages.binding)
    expect((await offersOf(entry.id)).map((offer) => offer.sentAt)).toEqual([null, null, null])
    await fiveMinuteRun(at('2047-06-18', '08:00'), messages.binding)
    expect((await offersOf(entry.id)).map((offer) => offer.sentAt)).toEqual(heldStarts(wednesday).map(() => at('2047-06-18', '08:00')))
  })

  it('offers nothing to an entry past its expiry (the policy’s weeks), while one still waiting gets the offers', async () => {
    const wednesday = '2047-07-10'
    const joinedAt = at('2047-06-24', '10:00')
    const booked = await holdTime(at(wednesday, '10:00'), minutes(joinedAt, -60))
    const wish = { fromDate: '2047-07-08', toDate: '2047-07-12' }
    const expired = await withSettings(
      'policies',
      (policies) => ({ ...policies, waitlistWeeks: 1 }),
      () => join(joinedAt, wednesday, wish),
    )
    const waiting = await join(joinedAt, wednesday, wish)
    expect(expired.entry.expiresAt).toEqual(at('2047-07-01', '10:00'))
    expect(waiting.entry.expiresAt).toEqual(at('2047-07-13', '00:00'))
    await release(booked, at('2047-07-02', '09:00'))
    await fiveMinuteRun(at('2047-07-02', '09:05'), recordingMessages().binding)
    await fiveMinuteRun(at('2047-07-02', '09:20'), recordingMessages().binding)
    expect(await offersOf(expired.entry.id)).toEqual([])
    expect((await offersOf(waiting.entry.id)).map((offer) => offer.sentAt)).toEqual(heldStarts(wednesday).map(() => at('2047-07-02', '09:20')))
  })
})

describe('an offer email reaching the queue in the quiet hours', () => {
  it('is not sent but held until they end, when the sweep hands it to the queue again', async () => {
    const wednesday = '2047-10-09'
    const { booked, entry } = await waitingWhileBooked(wednesday, at('2047-10-01', '10:00'))
    await release(booked, at('2047-10-01', '20:30'))
    await fiveMinuteRun(at('2047-10-01', '20:35'), recordingMessages().binding)
    await fiveMinuteRun(at('2047-10-01', '20:50'), recordingMessages().binding)
    const offer = (await offersOf(entry.id))[0]!
    expect(offer.sentAt).toEqual(at('2047-10-01', '20:50'))
    const id = offer.notificationId!
    // The first try fails just before the quiet hours (21:00 to 08:00); the queue's retry comes back at 21:05.
    await deliver([{ notificationId: id, generation: 0 }], {
      env: { EMAIL: failingEmail(new Error('421 try again later')) },
      consumer: { now: () => at('2047-10-01', '20:51') },
    })
    const email = recordingEmail()
    const retry = await deliver([{ notificationId: id, generation: 0 }], {
      env: { EMAIL: email.binding },
      attempts: 2,
      consumer: { now: () => at('2047-10-01', '21:05') },
    })
    expect(email.sent).toEqual([])
    expect(retry.result.explicitAcks).toHaveLength(1)
    expect(await loadRow(id)).toMatchObject({ status: 'pending', dueAt: at('2047-10-02', '08:00'), updatedAt: null, claimedUntil: null, attempts: 1 })

    const handedOver = async (now: Date) => {
      const queue = recordingMessages()
      await fiveMinuteRun(now, queue.binding)
      return queue.bodies.filter((body) => body.notificationId === id)
    }
    expect(await handedOver(at('2047-10-01', '23:00'))).toEqual([])
    expect(await handedOver(at('2047-10-02', '07:55'))).toEqual([])
    expect(await handedOver(at('2047-10-02', '08:00'))).toEqual([{ notificationId: id, generation: 0 }])
    await deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL: email.binding }, consumer: { now: () => at('2047-10-02', '08:00') } })
    expect(email.sent.map((sent) => sent.subject)).toEqual(['A time has come free at Example Acupuncture Clinic'])
    expect(await loadRow(id)).toMatchObject({ status: 'sent' })
  })
})

describe('the cost of a waitlist run', () => {
  it('reads the free starts of a treatment once for all its waiting entries, and matches each entry in memory', async () => {
    const wednesday = '2047-11-13'
    const joinedAt = at('2047-11-04', '10:00')
    const booked = await holdTime(at(wednesday, '10:00'), minutes(joinedAt, -60))
    const early = await join(joinedAt, wednesday, { fromDate: '2047-11-11', toDate: '2047-11-15' })
    const late = await join(joinedAt, wednesday, { fromDate: '2047-11-13', toDate: '2047-11-22' })
    await release(booked, at('2047-11-05', '09:02'))
    let freeTimeReadings = 0
    const counted = wrapBinding(env.DB, {
      prepare: (query: string) => {
        // Every free-times reading reads the busy blocks once (listBusyBlocks in loadFreeStarts).
        if (query.includes('from "busy_blocks"')) freeTimeReadings += 1
        return env.DB.prepare(query)
      },
    })
    await runCron(crons.sweep, at('2047-11-05', '09:05'), { DB: counted, NOTIFY_QUEUE: recordingMessages().binding })
    expect(freeTimeReadings).toBe(1)
    for (const entry of [early.entry, late.entry]) {
      expect((await offersOf(entry.id)).map((offer) => offer.start)).toEqual(heldStarts(wednesday))
    }
  })
})
