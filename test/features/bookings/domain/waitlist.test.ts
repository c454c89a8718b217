import { describe, expect, it } from 'vitest'
import { matchesWish, offersPerDay, planWaitlistRun, settlingMs, type WaitlistRunAsked } from '../../../../src/features/bookings/domain/waitlist'
import { zonedInstant } from '../../../../src/platform/time-zone'

const timeZone = 'America/Los_Angeles'
const at = (date: string, time: string) => zonedInstant(date, time, timeZone).getTime()
const minute = 60_000
// Wednesday 2047-06-12 and Thursday 2047-06-13, in a wish for Wednesday mornings and Thursday evenings of that week.
const wish = { fromDate: '2047-06-10', toDate: '2047-06-14', days: ['We' as const, 'Th' as const], parts: ['morning' as const, 'evening' as const] }
const quietHours = { from: '21:00', to: '08:00' }
const now = at('2047-06-05', '10:00')

const run = (overrides: Partial<WaitlistRunAsked>) =>
  planWaitlistRun({ now, wish, timeZone, freeStarts: [], knownFree: [], offers: [], quietHours, sentLastDay: 0, ...overrides })

describe('matchesWish', () => {
  it('takes a start on a chosen weekday, in a chosen part of the day, within the dates, on the clinic’s wall clock', () => {
    expect(matchesWish(at('2047-06-12', '09:00'), wish, timeZone)).toBe(true)
    expect(matchesWish(at('2047-06-12', '11:59'), wish, timeZone)).toBe(true)
    expect(matchesWish(at('2047-06-12', '12:00'), wish, timeZone)).toBe(false)
    expect(matchesWish(at('2047-06-13', '17:00'), wish, timeZone)).toBe(true)
    expect(matchesWish(at('2047-06-13', '16:30'), wish, timeZone)).toBe(false)
    expect(matchesWish(at('2047-06-11', '09:00'), wish, timeZone)).toBe(false)
    expect(matchesWish(at('2047-06-19', '09:00'), wish, timeZone)).toBe(false)
    // 17:30 on Tuesday the 11th in Los Angeles is already Wednesday in UTC: the clinic's day decides.
    expect(matchesWish(at('2047-06-11', '17:30'), wish, timeZone)).toBe(false)
  })
})

describe('planWaitlistRun', () => {
  const freed = at('2047-06-12', '10:00')

  it('records a matching start first seen free, ignores one that does not match or is known from joining, and sends nothing yet', () => {
    const plan = run({ freeStarts: [freed, at('2047-06-12', '14:00'), at('2047-06-12', '09:00')], knownFree: [at('2047-06-12', '09:00')] })
    expect(plan).toEqual({ knownFree: [at('2047-06-12', '09:00')], record: [freed], withdraw: [], send: [] })
  })

  it('sends a recorded start once it has stayed free for 15 minutes, not a minute before', () => {
    const offers = [{ start: freed, sendAfter: now + settlingMs, sentAt: null, byHand: false }]
    expect(run({ now: now + settlingMs - minute, freeStarts: [freed], offers }).send).toEqual([])
    expect(run({ now: now + settlingMs, freeStarts: [freed], offers })).toEqual({ knownFree: [], record: [], withdraw: [], send: [freed] })
  })

  it('forgets a recorded start taken again before it settled (an undo), and never sends it', () => {
    const offers = [{ start: freed, sendAfter: now + settlingMs, sentAt: null, byHand: false }]
    expect(run({ now: now + settlingMs, freeStarts: [], offers })).toEqual({ knownFree: [], record: [], withdraw: [freed], send: [] })
  })

  it('sends nothing inside the quiet hours, and the settled start after them', () => {
    const offers = [{ start: freed, sendAfter: now, sentAt: null, byHand: false }]
    expect(run({ now: at('2047-06-05', '21:30'), freeStarts: [freed], offers }).send).toEqual([])
    expect(run({ now: at('2047-06-06', '07:55'), freeStarts: [freed], offers }).send).toEqual([])
    expect(run({ now: at('2047-06-06', '08:00'), freeStarts: [freed], offers }).send).toEqual([freed])
  })

  it('offers each start once: a start already sent is neither recorded nor sent again', () => {
    const offers = [{ start: freed, sendAfter: now, sentAt: now, byHand: false }]
    expect(run({ now: now + settlingMs, freeStarts: [freed], offers })).toEqual({ knownFree: [], record: [], withdraw: [], send: [] })
  })

  it('drops a known start once it is taken, so when it frees again it is news', () => {
    const known = at('2047-06-12', '09:00')
    expect(run({ freeStarts: [], knownFree: [known] }).knownFree).toEqual([])
    expect(run({ freeStarts: [known], knownFree: [] }).record).toEqual([known])
  })

  it('sends at most the earliest few a day, and by hand offers whatever the allowance', () => {
    const starts = [0, 30, 60, 90, 120].map((minutes) => at('2047-06-12', '09:00') + minutes * minute)
    const offers = starts.map((start) => ({ start, sendAfter: now, sentAt: null, byHand: false }))
    expect(run({ freeStarts: starts, offers }).send).toEqual(starts.slice(0, offersPerDay))
    expect(run({ freeStarts: starts, offers, sentLastDay: 2 }).send).toEqual(starts.slice(0, 1))
    const byHand = { start: at('2047-06-19', '15:00'), sendAfter: now, sentAt: null, byHand: true }
    expect(run({ freeStarts: [...starts, byHand.start], offers: [...offers, byHand], sentLastDay: offersPerDay }).send).toEqual([byHand.start])
  })

  it('never records a start already past', () => {
    expect(run({ now: freed, freeStarts: [freed] }).record).toEqual([])
  })
})
