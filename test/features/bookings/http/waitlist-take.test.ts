import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { manageTokens, preferredTimes, requests } from '../../../../src/features/bookings/store/schema'
import { findWaitlistEntry } from '../../../../src/features/bookings/store/waitlist'
import { privatePage } from '../../../../src/platform/cache-control'
import { db, postInit } from '../../../helpers/forms'
import { request } from '../../../helpers/http'
import { recordingMessages } from '../../../helpers/notify'
import { withSettings } from '../../../helpers/settings'
import { at, fiveMinuteRun, holdTime, join, minutes, offersOf, pageTokenOf, release, waitlistAt } from './waitlist-clinic'

/** Two patients wait for the mornings of `wednesday`; its 10:00 appointment is cancelled and the offers go out. */
async function twoOffered(wednesday: string, joinedAt: Date, first: Record<string, string | string[]> = {}) {
  const booked = await holdTime(at(wednesday, '10:00'), minutes(joinedAt, -60))
  const one = await join(joinedAt, wednesday, { name: 'Ada First', ...first })
  const two = await join(joinedAt, wednesday, { name: 'Bo Second' })
  await release(booked, minutes(joinedAt, 60))
  await fiveMinuteRun(minutes(joinedAt, 65), recordingMessages().binding)
  await fiveMinuteRun(minutes(joinedAt, 80), recordingMessages().binding)
  return { one, two, offeredAt: minutes(joinedAt, 80) }
}

/** Opens the page at `now` and presses "Take this time" on the offer of `start`. */
async function take(token: string, entryId: string, start: Date, now: Date) {
  const clinic = waitlistAt(now)
  const page = await (await clinic.get(`/waitlist/${token}`)).text()
  const offer = (await offersOf(entryId)).find((candidate) => candidate.start.getTime() === start.getTime())!
  return clinic.post(`/waitlist/${token}/take`, { pageToken: pageTokenOf(page), offer: offer.id })
}

describe('taking an offered time', () => {
  it('books it directly for the first taker; the second sees someone else took it and stays on the list', async () => {
    const wednesday = '2047-07-17'
    const { one, two, offeredAt } = await twoOffered(wednesday, at('2047-07-08', '10:00'))
    const now = minutes(offeredAt, 10)
    const page = await (await waitlistAt(now).get(`/waitlist/${one.token}`)).text()
    expect(page).toContain('Wednesday, July 17, 2047 at 10:00 AM Pacific Time')
    expect(page.split('Take this time')).toHaveLength(4)

    const taken = await take(one.token, one.entry.id, at(wednesday, '10:00'), now)
    expect(taken.status).toBe(303)
    const manageToken = /^\/manage\/([0-9a-f]{32})$/.exec(taken.headers.get('Location') ?? '')?.[1]
    expect(manageToken).toBeDefined()
    const [booking] = await db().select().from(requests).where(eq(requests.email, one.entry.email))
    expect(booking).toMatchObject({
      bookedVia: 'waitlist',
      appointmentState: 'confirmed',
      status: 'scheduled',
      serviceId: 'back-pain',
      confirmedStart: at(wednesday, '10:00'),
      confirmedEnd: at(wednesday, '11:00'),
    })
    expect(await db().select().from(manageTokens).where(eq(manageTokens.requestId, booking!.id))).toHaveLength(1)
    expect((await findWaitlistEntry(db(), one.token))?.entry).toMatchObject({ endedAt: now, endedReason: 'booked' })

    const refused = await take(two.token, two.entry.id, at(wednesday, '10:00'), minutes(now, 1))
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Someone else took this time.')
    expect(await db().select().from(requests).where(eq(requests.email, two.entry.email))).toEqual([])
    expect((await findWaitlistEntry(db(), two.token))?.entry).toMatchObject({ endedAt: null, endedReason: null })
    // A start the new booking overlaps is refused the same way: never a double booking.
    const overlapping = await take(two.token, two.entry.id, at(wednesday, '09:30'), minutes(now, 2))
    expect(overlapping.status).toBe(409)
    expect((await offersOf(two.entry.id)).map((offer) => offer.outcome)).toEqual(['gone', 'gone', null])
  })

  it('asks for the exact start when the treatment books by request', async () => {
    const wednesday = '2047-07-24'
    const { one, offeredAt } = await twoOffered(wednesday, at('2047-07-15', '10:00'), { patientStatus: 'new' })
    const taken = await withSettings(
      'policies',
      (policies) => ({ ...policies, firstVisitsByRequest: true }),
      () => take(one.token, one.entry.id, at(wednesday, '10:30'), minutes(offeredAt, 5)),
    )
    expect(taken.status).toBe(303)
    const [asked] = await db().select().from(requests).where(eq(requests.email, one.entry.email))
    expect(asked).toMatchObject({ bookedVia: 'waitlist', appointmentState: 'requested', status: 'new', confirmedStart: null })
    expect(await db().select().from(preferredTimes).where(eq(preferredTimes.requestId, asked!.id))).toMatchObject([
      { position: 1, date: wednesday, period: 'morning', start: at(wednesday, '10:30') },
    ])
  })
})

describe('the waitlist page', () => {
  it('lets the patient leave, and says so afterwards', async () => {
    const now = at('2047-06-05', '10:00')
    const { token, entry } = await join(now, '2047-06-12')
    const clinic = waitlistAt(minutes(now, 30))
    const page = await (await clinic.get(`/waitlist/${token}`)).text()
    const left = await clinic.post(`/waitlist/${token}/leave`, { pageToken: pageTokenOf(page) })
    expect(left.status).toBe(303)
    expect(left.headers.get('Location')).toBe(`/waitlist/${token}?done=left`)
    expect((await findWaitlistEntry(db(), token))?.entry).toMatchObject({ id: entry.id, endedAt: minutes(now, 30), endedReason: 'left' })
    const after = await (await clinic.get(`/waitlist/${token}?done=left`)).text()
    expect(after).toContain('You have left the waitlist.')
    expect(after).not.toContain('Leave the waitlist</button>')
  })

  it('refuses a button without the page’s token, and says when the place has expired', async () => {
    const now = at('2047-06-05', '11:00')
    const { token } = await join(now, '2047-06-12')
    const forged = await request(`/waitlist/${token}/leave`, postInit({ pageToken: 'f'.repeat(64) }))
    expect(forged.status).toBe(403)
    expect((await findWaitlistEntry(db(), token))?.entry.endedAt).toBeNull()
    const later = await (await waitlistAt(at('2047-06-15', '00:00')).get(`/waitlist/${token}`)).text()
    expect(later).toContain('Your time on the waitlist has ended.')
  })

  it('is private through the Worker: never cached or indexed, no Referer, and unknown links are 404', async () => {
    const { token } = await join(at('2047-06-05', '12:00'), '2047-06-12')
    const response = await request(`/waitlist/${token}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(response.headers.get('X-Robots-Tag')).toBe('noindex')
    expect(response.headers.get('Cache-Control')).toBe(privatePage)
    expect((await request(`/waitlist/${'0'.repeat(32)}`)).status).toBe(404)
  })
})
