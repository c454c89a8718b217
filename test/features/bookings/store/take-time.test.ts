import { env } from 'cloudflare:workers'
import { and, eq, gte, inArray, lt } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { busyBlocks, requestEvents, requests } from '../../../../src/features/bookings/store/schema'
import { type TakeTimeInput, takeTime } from '../../../../src/features/bookings/store/take-time'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { db, uniqueEmail } from '../../../helpers/forms'

const minute = 60_000
const hour = 60 * minute
const now = new Date(Date.UTC(2043, 0, 1, 9))

/** Each test books its own clinic day of 2043, far from every other file's appointments. */
const dayOf = (offset: number) => Date.UTC(2043, 1, 1 + offset)

const taking = (start: number, lengthMinutes: number, extra: Partial<TakeTimeInput> = {}): TakeTimeInput => ({
  request: { name: 'Taking Patient', email: uniqueEmail('taker'), serviceId: 'back-pain', serviceDurationMinutes: lengthMinutes },
  channels: ['email'],
  bookedVia: 'direct',
  start: new Date(start),
  end: new Date(start + lengthMinutes * minute),
  bufferMs: 0,
  reminders: [new Date(start - 24 * hour)],
  note: 'a time the patient took',
  dedupeKey: `take-${crypto.randomUUID()}`,
  now,
  ...extra,
})

const rowsFor = (email: string) => db().select().from(requests).where(eq(requests.email, email))

const orphanCount = () =>
  env.DB.prepare(
    `select (select count(*) from notifications where request_id not in (select id from requests))
          + (select count(*) from request_events where request_id not in (select id from requests)) as total`,
  ).first<number>('total')

describe('taking a free time', () => {
  it('stores the booking confirmed with its announcements, confirmation and reminders; an overlap within the buffer writes nothing', async () => {
    const tenAm = dayOf(0) + 17 * hour
    const first = taking(tenAm, 60, { bufferMs: 15 * minute })
    const taken = await takeTime(db(), first)
    if (!taken.taken || taken.duplicate) throw new Error('the first take of a free time was refused')

    const [row] = await rowsFor(first.request.email)
    expect(row).toMatchObject({
      id: taken.id,
      reference: taken.reference,
      kind: 'booking',
      status: 'scheduled',
      appointmentState: 'confirmed',
      bookedVia: 'direct',
    })
    expect(row!.confirmedStart).toEqual(first.start)
    expect(row!.confirmedEnd).toEqual(first.end)
    const outbox = await db().select().from(notifications).where(eq(notifications.requestId, taken.id))
    expect(outbox.map(({ channel, topic, status, dueAt }) => ({ channel, topic, status, dueAt })).sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
      { channel: 'confirmation', topic: 'confirmed', status: 'pending', dueAt: null },
      { channel: 'appointment', topic: 'reminder', status: 'pending', dueAt: first.reminders[0] },
      { channel: 'email', topic: 'request', status: 'pending', dueAt: null },
    ])
    expect(taken.notificationIds.sort()).toEqual(
      outbox
        .filter((n) => n.topic !== 'reminder')
        .map((n) => n.id)
        .sort(),
    )
    expect(await db().select().from(requestEvents).where(eq(requestEvents.requestId, taken.id))).toHaveLength(1)

    // Ends 10 minutes before 10:00: inside the 15 minutes it must leave free before the taken time.
    const endingInBuffer = taking(tenAm - 70 * minute, 60, { bufferMs: 15 * minute })
    // Starts 10 minutes after 11:00: inside the buffer after the taken time.
    const startingInBuffer = taking(tenAm + 70 * minute, 60, { bufferMs: 15 * minute })
    expect(await takeTime(db(), endingInBuffer)).toEqual({ taken: false })
    expect(await takeTime(db(), startingInBuffer)).toEqual({ taken: false })
    expect(await rowsFor(endingInBuffer.request.email)).toHaveLength(0)
    expect(await rowsFor(startingInBuffer.request.email)).toHaveLength(0)
    expect(await orphanCount()).toBe(0)

    // Past the buffer the time is free again.
    expect(await takeTime(db(), taking(tenAm + 75 * minute, 60, { bufferMs: 15 * minute }))).toMatchObject({ taken: true })
  })

  it('gives each of 10 free times to exactly one of 50 patients taking them at once, writing nothing for the others', async () => {
    const day = dayOf(10)
    const starts = Array.from({ length: 10 }, (_, index) => day + 16 * hour + index * hour)
    const takes = starts.flatMap((start) => Array.from({ length: 5 }, () => taking(start, 60)))
    const results = await Promise.all(takes.map((input) => takeTime(db(), input)))

    expect(results.filter((result) => result.taken)).toHaveLength(10)
    expect(results.filter((result) => !result.taken)).toHaveLength(40)
    const confirmed = await db()
      .select()
      .from(requests)
      .where(
        and(
          eq(requests.appointmentState, 'confirmed'),
          gte(requests.confirmedStart, new Date(day)),
          lt(requests.confirmedStart, new Date(day + 2 * 24 * hour)),
        ),
      )
    expect(confirmed.map((row) => row.confirmedStart!.getTime()).sort((a, b) => a - b)).toEqual(starts)
    const emails = takes.map((input) => input.request.email)
    expect(await db().select().from(requests).where(inArray(requests.email, emails))).toHaveLength(10)
    const outbox = await db().select().from(notifications)
    const takenIds = new Set(confirmed.map((row) => row.id))
    expect(outbox.filter((row) => takenIds.has(row.requestId ?? ''))).toHaveLength(30)
    expect(await orphanCount()).toBe(0)
  })

  it('refuses a time the practitioner’s own calendar holds', async () => {
    const nineAm = dayOf(20) + 17 * hour
    const [block] = await db()
      .insert(busyBlocks)
      .values({ start: new Date(nineAm + 30 * minute), end: new Date(nineAm + 45 * minute) })
      .returning()
    try {
      const refused = taking(nineAm, 60)
      expect(await takeTime(db(), refused)).toEqual({ taken: false })
      expect(await rowsFor(refused.request.email)).toHaveLength(0)
      expect(await takeTime(db(), taking(nineAm - hour, 60))).toMatchObject({ taken: true })
    } finally {
      await db().delete(busyBlocks).where(eq(busyBlocks.id, block!.id))
    }
  })
})
