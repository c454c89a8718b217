import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { waitlistEntries, waitlistOffers } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { crons } from '../../../../src/worker'
import { adminPost, signIn } from '../../../helpers/admin'
import { contactFields, db, post, uniqueEmail } from '../../../helpers/forms'
import { recordingMessages, runCron } from '../../../helpers/notify'
import { at, fiveMinuteRun, holdTime, join, minutes, offersOf, pageTokenOf, release, waitlistAt } from './waitlist-clinic'

/*
 * Erasing a patient and the retention purge take their waitlist places too:
 * the entries, their offers, and the outbox rows of the welcome and the
 * offers (which no request holds, so no cascade reaches them). Each test has
 * its own Wednesday in December 2047.
 */

/** Patients (one per email) waiting for the Wednesday's mornings while 10:00 is booked, each sent offers once it is freed. */
async function waitingWithOffers(wednesday: string, joinedAt: Date, emails: string[]) {
  const booked = await holdTime(at(wednesday, '10:00'), minutes(joinedAt, -60))
  const joined = []
  for (const email of emails) joined.push(await join(joinedAt, wednesday, { email }))
  await release(booked, minutes(joinedAt, 62))
  await fiveMinuteRun(minutes(joinedAt, 65), recordingMessages().binding)
  await fiveMinuteRun(minutes(joinedAt, 80), recordingMessages().binding)
  return joined
}

/** The outbox rows of an entry's emails: its welcome and its offers'. */
async function outboxOf(entryId: string, welcomeId: string) {
  const offers = await offersOf(entryId)
  const ids = [welcomeId, ...offers.flatMap((offer) => (offer.notificationId ? [offer.notificationId] : []))]
  return { ids, rows: await db().select({ id: notifications.id }).from(notifications).where(inArray(notifications.id, ids)) }
}

const lastReceipt = (action: 'erasure' | 'retention') =>
  env.DB.prepare('select action, count from receipts where action = ? order by id desc limit 1').bind(action).first()

describe('erasing a patient', () => {
  it('erases their waitlist places with their offers and the outbox rows of their emails, and leaves another patient’s alone', async () => {
    const wednesday = '2047-12-11'
    const email = uniqueEmail('erase-waitlist')
    const [erased, kept] = await waitingWithOffers(wednesday, at('2047-12-02', '10:00'), [email, uniqueEmail('keep-waitlist')])
    const second = await join(at('2047-12-02', '12:00'), wednesday, { email, parts: ['afternoon'] })
    await post('/contact', await contactFields({ email }))
    const before = await outboxOf(erased!.entry.id, erased!.entry.joinedNotificationId)
    expect(before.rows).toHaveLength(4)
    const keptBefore = await outboxOf(kept!.entry.id, kept!.entry.joinedNotificationId)
    expect(keptBefore.rows).toHaveLength(4)

    const session = await signIn()
    const confirm = await adminPost(session, '/admin/erase', { email })
    expect(await confirm.text()).toContain(
      `This permanently erases 1 request and 2 waitlist places from ${email}, with their preferred times, notifications and notes. It cannot be undone.`,
    )
    const done = await adminPost(session, '/admin/erase/confirm', { email })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Erased 1 request and 2 waitlist places with their times, notifications and notes.')

    expect(await db().select().from(waitlistEntries).where(eq(waitlistEntries.email, email))).toEqual([])
    expect(
      await db()
        .select()
        .from(waitlistOffers)
        .where(inArray(waitlistOffers.entryId, [erased!.entry.id, second.entry.id])),
    ).toEqual([])
    const outbox = [...before.ids, second.entry.joinedNotificationId]
    expect(await db().select().from(notifications).where(inArray(notifications.id, outbox))).toEqual([])
    expect(await lastReceipt('erasure')).toEqual({ action: 'erasure', count: 3 })
    expect((await outboxOf(kept!.entry.id, kept!.entry.joinedNotificationId)).rows).toEqual(keptBefore.rows)
  })

  it('offers to erase an address that only waits on the waitlist', async () => {
    const email = uniqueEmail('only-waitlist')
    await join(at('2047-12-02', '10:00'), '2047-12-11', { email, days: ['Th'] })
    const session = await signIn()
    expect(await (await adminPost(session, '/admin/erase', { email })).text()).toContain(`This permanently erases 1 waitlist place from ${email}`)
    expect(await (await adminPost(session, '/admin/erase/confirm', { email })).text()).toContain('Erased 1 waitlist place with')
    expect(await lastReceipt('erasure')).toEqual({ action: 'erasure', count: 1 })
  })
})

describe('the retention purge', () => {
  it('deletes a waitlist place RETENTION_DAYS after it stopped waiting, with its offers and outbox rows, never sooner', async () => {
    const wednesday = '2047-12-18'
    const joinedAt = at('2047-12-04', '10:00')
    const [left, expiring] = await waitingWithOffers(wednesday, joinedAt, [uniqueEmail('purge-left'), uniqueEmail('purge-expiring')])
    const leftAt = at('2047-12-04', '12:00')
    const page = await (await waitlistAt(leftAt).get(`/waitlist/${left!.token}`)).text()
    expect((await waitlistAt(leftAt).post(`/waitlist/${left!.token}/leave`, { pageToken: pageTokenOf(page) })).status).toBe(303)
    // The place that expires stops waiting at the end of its last date, Friday 2047-12-20.
    expect(expiring!.entry.expiresAt).toEqual(at('2047-12-21', '00:00'))
    const leftOutbox = await outboxOf(left!.entry.id, left!.entry.joinedNotificationId)
    expect(leftOutbox.rows).toHaveLength(4)
    const retention = { RETENTION_DAYS: '30' }

    // A minute short of 30 days after leaving: kept. (This run also takes whatever older rows other tests left.)
    await runCron(crons.hourly, minutes(at('2048-01-03', '12:00'), -1), retention)
    expect(await offersOf(left!.entry.id)).toHaveLength(3)
    await runCron(crons.hourly, at('2048-01-03', '12:05'), retention)
    expect(await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, left!.entry.id))).toEqual([])
    expect(await offersOf(left!.entry.id)).toEqual([])
    expect(await db().select().from(notifications).where(inArray(notifications.id, leftOutbox.ids))).toEqual([])
    expect(await lastReceipt('retention')).toEqual({ action: 'retention', count: 1 })
    expect(await offersOf(expiring!.entry.id)).toHaveLength(3)

    await runCron(crons.hourly, at('2048-01-20', '00:05'), retention)
    expect(await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, expiring!.entry.id))).toEqual([])
  })
})
